/* SPDX-License-Identifier: Apache-2.0 */
/* The C API from C: every entry point, on good and bad input. Built as C99
 * and C11 with -Wpedantic and linked by the C compiler alone
 * (tests/c/check.sh). Prints each failed check; exits 1 when one failed. */
#ifdef FTPREPLY_C_HEADER
#include FTPREPLY_C_HEADER
#else
#include <ftpreply.h>
#endif

#include <stdio.h>
#include <string.h>

static int checks, failures;

#define CHECK(cond)                                                   \
  do {                                                                \
    ++checks;                                                         \
    if (!(cond)) {                                                    \
      ++failures;                                                     \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

/* A string literal as a pointer and its length. */
#define S(literal) literal, sizeof(literal) - 1

/* out[0, len) is exactly `text`. */
static int wrote(const char* out, size_t len, const char* text) {
  return len == strlen(text) && memcmp(out, text, len) == 0;
}

static int span_is(ftpreply_span s, const char* text) {
  return s.size == strlen(text) && (s.size == 0 || memcmp(s.data, text, s.size) == 0);
}

static const char kStream[] =
    "220-Welcome\r\n220 Ready\r\n"
    "331 Password\r\n"
    "SYST not supported\r\n"
    "227 Entering Passive Mode (10,0,0,1,4,1).\r\n"
    "150 Opening\r\n"
    "226 Done\r\n"
    "213 1234\r\n";

static void test_names(void) {
  CHECK(strcmp(ftpreply_version(), FTPREPLY_VERSION) == 0);
  CHECK(strcmp(ftpreply_error_name(FTPREPLY_OK), "ok") == 0);
  CHECK(strcmp(ftpreply_error_name(FTPREPLY_GAP), "gap") == 0);
  CHECK(strcmp(ftpreply_error_name(FTPREPLY_BAD_STATE), "bad_state") == 0);
  CHECK(strcmp(ftpreply_error_name((ftpreply_error)200), "unknown") == 0);
  CHECK(strcmp(ftpreply_kernel_name(FTPREPLY_KERNEL_SCALAR), "scalar") == 0);
  CHECK(strcmp(ftpreply_kernel_name((ftpreply_kernel)42), "unknown") == 0);
  CHECK(ftpreply_kernel_supported(FTPREPLY_KERNEL_SCALAR));
  CHECK(!ftpreply_kernel_supported((ftpreply_kernel)42));
  CHECK(ftpreply_kernel_supported(ftpreply_best_kernel()));
  CHECK(strcmp(ftpreply_flag_name(FTPREPLY_FLAG_BARE_LF), "bare_lf") == 0);
}

/* kStream scanned with `kernel` in pieces of `piece` bytes. */
static void scan_in_pieces(ftpreply_kernel kernel, size_t piece) {
  ftpreply_scanner s;
  ftpreply_event ev[4];
  ftpreply_scan_result r;
  char held[256];
  size_t held_size = 0, fed = 0, n_events = 0;
  unsigned codes[16];
  CHECK(ftpreply_scanner_init(&s, NULL, kernel) == FTPREPLY_OK);
  while (fed < sizeof kStream - 1 || held_size > 0) {
    size_t take = sizeof kStream - 1 - fed, i;
    int at_end;
    if (take > piece) take = piece;
    memcpy(held + held_size, kStream + fed, take);
    held_size += take;
    fed += take;
    at_end = fed == sizeof kStream - 1;
    for (;;) {
      CHECK((at_end ? ftpreply_finish(&s, held, held_size, ev, 4, &r)
                    : ftpreply_scan(&s, held, held_size, ev, 4, &r)) == FTPREPLY_OK);
      for (i = 0; i < r.events && n_events < 16; ++i) codes[n_events++] = ftpreply_event_code(&ev[i]);
      memmove(held, held + r.consumed, held_size - r.consumed);
      held_size -= r.consumed;
      if (!r.output_full) break;
    }
    if (at_end) break;
  }
  CHECK(n_events == 7);
  CHECK(codes[0] == 220 && codes[1] == 331 && codes[2] == 0 && codes[3] == 227 &&
        codes[4] == 150 && codes[5] == 226 && codes[6] == 213);
  CHECK(ftpreply_scanner_position(&s) == sizeof kStream - 1);
  /* Finished: more is a state error until reset. */
  CHECK(ftpreply_scan(&s, "220 x\r\n", 7, ev, 4, &r) == FTPREPLY_BAD_STATE);
  CHECK(ftpreply_scanner_reset(&s) == FTPREPLY_OK);
  CHECK(ftpreply_scan(&s, "220 x\r\n", 7, ev, 4, &r) == FTPREPLY_OK && r.events == 1);
}

static void test_scanner(void) {
  ftpreply_scanner s;
  ftpreply_event ev[8];
  ftpreply_scan_result r;
  ftpreply_span text;
  int k;
  size_t piece;
  CHECK(ftpreply_scanner_init(&s, NULL, FTPREPLY_KERNEL_AUTOMATIC) == FTPREPLY_OK);
  CHECK(ftpreply_scanner_kernel(&s) == ftpreply_best_kernel());
  CHECK(ftpreply_scan(&s, kStream, sizeof kStream - 1, ev, 8, &r) == FTPREPLY_OK);
  CHECK(r.events == 7 && r.consumed == sizeof kStream - 1 && !r.output_full);
  CHECK(ftpreply_event_is_reply(&ev[0]) && ftpreply_event_code(&ev[0]) == 220);
  CHECK(ftpreply_event_lines(&ev[0]) == 2 && ftpreply_event_offset(&ev[0]) == 0);
  CHECK(span_is(ftpreply_event_first_text(&ev[0]), "Welcome"));
  CHECK(span_is(ftpreply_event_last_text(&ev[0]), "Ready"));
  text = ftpreply_event_bytes(&ev[1]);
  CHECK(text.data == kStream + 24 && text.size == 14);
  CHECK(!ftpreply_event_is_reply(&ev[2]) && ftpreply_event_error(&ev[2]) == FTPREPLY_BAD_CODE);
  CHECK(ftpreply_event_start(&ev[2]) == 38 && ftpreply_event_length(&ev[2]) == 20);
  CHECK(ftpreply_event_bytes(&ev[2]).size == 0 && ftpreply_event_lines(&ev[2]) == 0);
  CHECK(ftpreply_event_error(&ev[3]) == FTPREPLY_OK && ftpreply_event_flags(&ev[3]) == 0);
  /* Every kernel, every piece size: the same events. */
  for (k = FTPREPLY_KERNEL_SCALAR; k <= FTPREPLY_KERNEL_NEON; ++k)
    if (ftpreply_kernel_supported((ftpreply_kernel)k))
      for (piece = 1; piece <= sizeof kStream; piece += 7) scan_in_pieces((ftpreply_kernel)k, piece);
  /* A gap: the open reply and the cut line become one gap error. */
  CHECK(ftpreply_scanner_init(&s, NULL, FTPREPLY_KERNEL_SCALAR) == FTPREPLY_OK);
  CHECK(ftpreply_gap(&s, "220 he", 6, 10, ev, 8, &r) == FTPREPLY_OK && r.consumed == 6);
  CHECK(ftpreply_scan(&s, "llo\r\n230 in\r\n", 13, ev, 8, &r) == FTPREPLY_OK);
  CHECK(r.events == 2 && ftpreply_event_error(&ev[0]) == FTPREPLY_GAP);
  CHECK((ftpreply_event_flags(&ev[1]) & FTPREPLY_FLAG_AFTER_GAP) != 0);
  /* Strict options. */
  {
    ftpreply_options o = ftpreply_options_strict();
    CHECK(o.strict && o.max_line == 16384);
    CHECK(ftpreply_scanner_init(&s, &o, FTPREPLY_KERNEL_AUTOMATIC) == FTPREPLY_OK);
    CHECK(ftpreply_finish(&s, "220 a\n", 6, ev, 8, &r) == FTPREPLY_OK && r.events == 1);
    CHECK(ftpreply_event_error(&ev[0]) == FTPREPLY_BARE_LF);
  }
}

static void test_reader(void) {
  char buf[64];
  ftpreply_reader rd;
  ftpreply_event e;
  size_t i, n = 0;
  unsigned codes[8];
  ftpreply_options o = ftpreply_options_lenient();
  o.max_reply = 40; /* the buffer holds the largest reply and a read */
  o.max_line = 40;
  CHECK(ftpreply_reader_init(&rd, &o, FTPREPLY_KERNEL_AUTOMATIC, buf, sizeof buf) == FTPREPLY_OK);
  for (i = 0; i < sizeof kStream - 1; i += 5) {
    size_t take = sizeof kStream - 1 - i < 5 ? sizeof kStream - 1 - i : 5;
    CHECK(ftpreply_reader_feed(&rd, kStream + i, take) == FTPREPLY_OK);
    while (ftpreply_reader_next(&rd, &e))
      if (n < 8) codes[n++] = ftpreply_event_code(&e);
  }
  CHECK(n == 7 && codes[0] == 220 && codes[2] == 0 && codes[6] == 213);
  CHECK(ftpreply_reader_buffered(&rd) == 0);
  /* An open reply at the end is unterminated. */
  CHECK(ftpreply_reader_feed(&rd, "211-a\r\n", 7) == FTPREPLY_OK);
  CHECK(!ftpreply_reader_next(&rd, &e));
  CHECK(ftpreply_reader_finish(&rd) == FTPREPLY_OK);
  CHECK(ftpreply_reader_next(&rd, &e) && ftpreply_event_error(&e) == FTPREPLY_UNTERMINATED);
  CHECK(!ftpreply_reader_next(&rd, &e));
  /* Bytes that cannot fit are refused whole; unread events refuse a feed. */
  CHECK(ftpreply_reader_feed(&rd, kStream, 65) == FTPREPLY_BUFFER_TOO_SMALL);
  CHECK(ftpreply_reader_feed(&rd, "200 a\r\n200 b\r\n", 14) == FTPREPLY_OK);
  CHECK(ftpreply_reader_next(&rd, &e) && ftpreply_event_code(&e) == 200);
  CHECK(ftpreply_reader_feed(&rd, "x", 1) == FTPREPLY_BAD_STATE);
  CHECK(ftpreply_reader_next(&rd, &e) && span_is(ftpreply_event_first_text(&e), "b"));
  /* A gap through the reader. */
  CHECK(ftpreply_reader_feed(&rd, "230 o", 5) == FTPREPLY_OK);
  CHECK(!ftpreply_reader_next(&rd, &e));
  CHECK(ftpreply_reader_gap(&rd, 3) == FTPREPLY_OK);
  CHECK(ftpreply_reader_next(&rd, &e) == 0); /* the span waits for a line that can start a reply */
  CHECK(ftpreply_reader_feed(&rd, "k\r\n221 bye\r\n", 12) == FTPREPLY_OK);
  CHECK(ftpreply_reader_next(&rd, &e) && ftpreply_event_error(&e) == FTPREPLY_GAP);
  CHECK(ftpreply_reader_next(&rd, &e) && ftpreply_event_code(&e) == 221);
}

static void test_bad_input(void) {
  ftpreply_scanner s;
  ftpreply_reader rd;
  ftpreply_event ev[2];
  ftpreply_scan_result r;
  char buf[8];
  size_t len = 0;
  memset(&s, 0, sizeof s);
  memset(&rd, 0, sizeof rd);
  /* Storage init never touched: a state error, never a crash. */
  CHECK(ftpreply_scan(&s, "220 a\r\n", 7, ev, 2, &r) == FTPREPLY_BAD_STATE);
  CHECK(ftpreply_scanner_reset(&s) == FTPREPLY_BAD_STATE);
  CHECK(ftpreply_scanner_position(&s) == 0);
  CHECK(ftpreply_reader_feed(&rd, "a", 1) == FTPREPLY_BAD_STATE);
  CHECK(ftpreply_reader_next(&rd, ev) == 0);
  CHECK(ftpreply_reader_buffered(&rd) == 0);
  /* Null pointers with a size, or where a result goes. */
  CHECK(ftpreply_scanner_init(NULL, NULL, FTPREPLY_KERNEL_AUTOMATIC) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_scanner_init(&s, NULL, (ftpreply_kernel)9) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_scanner_init(&s, NULL, FTPREPLY_KERNEL_AUTOMATIC) == FTPREPLY_OK);
  CHECK(ftpreply_scan(&s, NULL, 5, ev, 2, &r) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_scan(&s, "a", 1, NULL, 2, &r) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_scan(&s, "a", 1, ev, 2, NULL) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_scan(&s, NULL, 0, ev, 2, &r) == FTPREPLY_OK && r.events == 0);
  CHECK(ftpreply_scan(NULL, "a", 1, ev, 2, &r) == FTPREPLY_BAD_STATE);
  CHECK(ftpreply_reader_init(&rd, NULL, FTPREPLY_KERNEL_AUTOMATIC, NULL, 8) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_reader_init(&rd, NULL, FTPREPLY_KERNEL_AUTOMATIC, buf, 0) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_reader_init(&rd, NULL, FTPREPLY_KERNEL_AUTOMATIC, buf, sizeof buf) == FTPREPLY_OK);
  CHECK(ftpreply_reader_feed(&rd, NULL, 3) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_reader_next(&rd, NULL) == 0);
  CHECK(ftpreply_event_code(NULL) == 0 && !ftpreply_event_is_reply(NULL));
  CHECK(ftpreply_event_error(NULL) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_encode_reply(200, NULL, 3, buf, sizeof buf, &len) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_encode_reply(200, "ok", 2, buf, sizeof buf, NULL) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_decode_size(NULL, 4, FTPREPLY_DECODE_LENIENT, NULL) == FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_decode_features(S("211 x\r\n"), FTPREPLY_DECODE_LENIENT, NULL, 3, &len) ==
        FTPREPLY_INVALID_ARGUMENT);
  CHECK(ftpreply_parse_zos_status(NULL, 2, NULL) == FTPREPLY_INVALID_ARGUMENT);
}

/* Every pointer argument of every entry point null, one at a time (with a
 * size where one goes with it): an error value each time, never a crash. */
static void test_every_null_argument(void) {
  char buf[64];
  size_t len = 0;
  uint16_t port = 0;
  uint64_t size = 0;
  ftpreply_endpoint ep;
  ftpreply_timestamp t;
  ftpreply_pair pair, features[2];
  ftpreply_zos_status z;
  ftpreply_scanner s;
  ftpreply_reader rd;
  ftpreply_event ev[2];
  ftpreply_scan_result r;
  const ftpreply_decode_mode m = FTPREPLY_DECODE_LENIENT;
  const ftpreply_error bad = FTPREPLY_INVALID_ARGUMENT;
  memset(&ep, 0, sizeof ep);
  memset(&t, 0, sizeof t);
  memset(&z, 0, sizeof z);
  CHECK(ftpreply_decode_pasv(NULL, 3, m, &ep) == bad && ftpreply_decode_pasv(S("227 x"), m, NULL) == bad);
  CHECK(ftpreply_decode_lpsv(NULL, 3, m, &ep) == bad && ftpreply_decode_lpsv(S("228 x"), m, NULL) == bad);
  CHECK(ftpreply_decode_epsv(NULL, 3, m, &port) == bad && ftpreply_decode_epsv(S("229 x"), m, NULL) == bad);
  CHECK(ftpreply_decode_pathname(NULL, 3, m, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_decode_pathname(S("257 \"/\""), m, NULL, 4, &len) == bad);
  CHECK(ftpreply_decode_pathname(S("257 \"/\""), m, buf, sizeof buf, NULL) == bad);
  CHECK(ftpreply_decode_mark(NULL, 3, m, &pair) == bad && ftpreply_decode_mark(S("110 x"), m, NULL) == bad);
  CHECK(ftpreply_decode_size(NULL, 3, m, &size) == bad && ftpreply_decode_size(S("213 1"), m, NULL) == bad);
  CHECK(ftpreply_decode_mdtm(NULL, 3, m, &t) == bad && ftpreply_decode_mdtm(S("213 1"), m, NULL) == bad);
  CHECK(ftpreply_decode_system(NULL, 3, m, &pair) == bad && ftpreply_decode_system(S("215 x"), m, NULL) == bad);
  CHECK(ftpreply_decode_features(NULL, 3, m, features, 2, &len) == bad);
  CHECK(ftpreply_decode_features(S("211 x"), m, features, 2, NULL) == bad);
  CHECK(ftpreply_encode_reply(200, S("ok"), NULL, 8, &len) == bad);
  CHECK(ftpreply_encode_reply(70000, S("ok"), buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_pasv(NULL, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_pasv(&ep, NULL, 8, &len) == bad && ftpreply_format_pasv(&ep, buf, 8, NULL) == bad);
  ep.family = 6;
  CHECK(ftpreply_format_pasv(&ep, buf, sizeof buf, &len) == bad); /* 227 is IPv4 only */
  CHECK(ftpreply_format_epsv(1, NULL, 8, &len) == bad && ftpreply_format_epsv(1, buf, 8, NULL) == bad);
  CHECK(ftpreply_format_pathname(NULL, 1, "", 0, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_pathname("/", 1, NULL, 1, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_pathname("/", 1, "", 0, NULL, 8, &len) == bad);
  CHECK(ftpreply_format_pathname("/", 1, "", 0, buf, sizeof buf, NULL) == bad);
  CHECK(ftpreply_format_size(1, NULL, 8, &len) == bad && ftpreply_format_size(1, buf, 8, NULL) == bad);
  CHECK(ftpreply_format_mdtm(NULL, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_mdtm(&t, NULL, 8, &len) == bad && ftpreply_format_mdtm(&t, buf, 8, NULL) == bad);
  t.fraction.size = 2; /* a size with no bytes */
  CHECK(ftpreply_format_mdtm(&t, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_system(NULL, 1, "", 0, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_system("U", 1, NULL, 1, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_system("U", 1, "", 0, NULL, 8, &len) == bad);
  CHECK(ftpreply_format_system("U", 1, "", 0, buf, sizeof buf, NULL) == bad);
  features[0].first.data = NULL;
  features[0].first.size = 1;
  features[0].second.data = "";
  features[0].second.size = 0;
  CHECK(ftpreply_format_features(NULL, 1, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_features(features, 1, buf, sizeof buf, &len) == bad);
  features[0].first.data = "A";
  features[0].second.data = NULL;
  features[0].second.size = 1;
  CHECK(ftpreply_format_features(features, 1, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_format_features(features, 0, NULL, 8, &len) == bad);
  CHECK(ftpreply_format_features(features, 0, buf, sizeof buf, NULL) == bad);
  CHECK(ftpreply_format_features(features, FTPREPLY_MAX_FEATURES + 1, buf, sizeof buf, &len) == bad);
  CHECK(ftpreply_parse_zos_status(S("x"), NULL) == bad);
  CHECK(ftpreply_format_zos_status(NULL, buf, sizeof buf, &len) == bad);
  z.message_id.size = 3;
  CHECK(ftpreply_format_zos_status(&z, buf, sizeof buf, &len) == bad);
  z.message_id.size = 0;
  z.command.size = 3;
  CHECK(ftpreply_format_zos_status(&z, buf, sizeof buf, &len) == bad);
  z.command.size = 0;
  CHECK(ftpreply_format_zos_status(&z, NULL, 8, &len) == bad);
  CHECK(ftpreply_format_zos_status(&z, buf, sizeof buf, NULL) == bad);
  /* The scanner's and reader's own. */
  CHECK(ftpreply_scanner_init(&s, NULL, FTPREPLY_KERNEL_AUTOMATIC) == FTPREPLY_OK);
  CHECK(ftpreply_gap(&s, NULL, 2, 1, ev, 2, &r) == bad && ftpreply_finish(&s, "a", 1, ev, 2, NULL) == bad);
  CHECK(ftpreply_finish(&s, NULL, 0, NULL, 0, &r) == FTPREPLY_OK && r.events == 0 && r.output_full); /* no room */
  CHECK(ftpreply_scanner_kernel(NULL) == FTPREPLY_KERNEL_SCALAR && ftpreply_scanner_position(NULL) == 0);
  CHECK(ftpreply_reader_init(NULL, NULL, FTPREPLY_KERNEL_AUTOMATIC, buf, sizeof buf) == bad);
  CHECK(ftpreply_reader_init(&rd, NULL, (ftpreply_kernel)-1, buf, sizeof buf) == bad);
  CHECK(ftpreply_reader_gap(NULL, 1) == FTPREPLY_BAD_STATE && ftpreply_reader_finish(NULL) == FTPREPLY_BAD_STATE);
  CHECK(ftpreply_reader_buffered(NULL) == 0 && ftpreply_reader_next(NULL, ev) == 0);
  CHECK(ftpreply_reader_init(&rd, NULL, FTPREPLY_KERNEL_AUTOMATIC, buf, sizeof buf) == FTPREPLY_OK);
  CHECK(ftpreply_reader_gap(&rd, 0) == FTPREPLY_OK && !ftpreply_reader_next(&rd, ev));
  CHECK(ftpreply_reader_feed(&rd, S("200 a\r\n200 b\r\n")) == FTPREPLY_OK && ftpreply_reader_next(&rd, ev));
  CHECK(ftpreply_reader_gap(&rd, 1) == FTPREPLY_BAD_STATE && ftpreply_reader_finish(&rd) == FTPREPLY_BAD_STATE);
  /* Accessors on a null event, and names out of range. */
  CHECK(ftpreply_event_flags(NULL) == 0 && ftpreply_event_offset(NULL) == 0 && ftpreply_event_start(NULL) == 0);
  CHECK(ftpreply_event_length(NULL) == 0 && ftpreply_event_lines(NULL) == 0);
  CHECK(ftpreply_event_bytes(NULL).size == 0 && ftpreply_event_first_text(NULL).size == 0 &&
        ftpreply_event_last_text(NULL).size == 0);
  CHECK(strcmp(ftpreply_error_name((ftpreply_error)-1), "unknown") == 0);
  CHECK(strcmp(ftpreply_group_name((ftpreply_group)9), "unknown") == 0);
  CHECK(strcmp(ftpreply_source_name((ftpreply_source)9), "unknown") == 0);
  CHECK(strcmp(ftpreply_flag_name(0x10000u), "unknown") == 0);
  CHECK(strcmp(ftpreply_flag_name(FTPREPLY_FLAG_NUL | FTPREPLY_FLAG_TELNET), "unknown") == 0);
  CHECK(strcmp(ftpreply_flag_name(0), "unknown") == 0);
  CHECK(!ftpreply_kernel_supported((ftpreply_kernel)-1));
}

static void test_classify(void) {
  ftpreply_code_info i = ftpreply_classify(230);
  CHECK(i.code == 230 && i.known && i.meaning != NULL);
  CHECK(i.kind == FTPREPLY_KIND_COMPLETION && i.group == FTPREPLY_GROUP_AUTHENTICATION);
  CHECK(i.source == FTPREPLY_SOURCE_RFC959);
  CHECK(strcmp(ftpreply_kind_name(i.kind), "completion") == 0);
  CHECK(strcmp(ftpreply_group_name(i.group), "authentication") == 0);
  CHECK(strcmp(ftpreply_source_name(i.source), "rfc959") == 0);
  i = ftpreply_classify(10068);
  CHECK(i.known && i.source == FTPREPLY_SOURCE_WINSOCK);
  i = ftpreply_classify(999);
  CHECK(!i.known && i.meaning == NULL && i.group == FTPREPLY_GROUP_UNKNOWN);
  CHECK(strcmp(ftpreply_kind_name((ftpreply_kind)77), "unknown") == 0);
}

static void test_codec(void) {
  ftpreply_endpoint ep;
  uint16_t port = 0;
  char path[8], out[256];
  size_t len = 0, count = 0;
  uint64_t size = 0;
  ftpreply_timestamp t;
  ftpreply_pair pair, features[4];
  static const char feat[] = "211-Features:\r\n EPSV\r\n REST STREAM\r\n MDTM\r\n211 End\r\n";
  CHECK(ftpreply_decode_pasv(S("227 Entering Passive Mode (10,0,0,1,4,1).\r\n"),
                             FTPREPLY_DECODE_STRICT, &ep) == FTPREPLY_OK);
  CHECK(ep.family == 4 && ep.address[0] == 10 && ep.address[3] == 1 && ep.port == 1025);
  CHECK(ftpreply_decode_lpsv(S("228 Entering Long Passive Mode (4,4,10,0,0,1,2,4,1)\r\n"),
                             FTPREPLY_DECODE_STRICT, &ep) == FTPREPLY_OK && ep.port == 1025);
  CHECK(ftpreply_decode_epsv(S("229 Entering Extended Passive Mode (|||6446|)\r\n"),
                             FTPREPLY_DECODE_STRICT, &port) == FTPREPLY_OK && port == 6446);
  CHECK(ftpreply_decode_pathname(S("257 \"/usr/dm\" created\r\n"), FTPREPLY_DECODE_STRICT, path,
                                 sizeof path, &len) == FTPREPLY_OK);
  CHECK(len == 7 && memcmp(path, "/usr/dm", 7) == 0);
  CHECK(ftpreply_decode_pathname(S("257 \"/usr/dmdmdm\"\r\n"), FTPREPLY_DECODE_STRICT, path,
                                 sizeof path, &len) == FTPREPLY_BUFFER_TOO_SMALL && len == 11);
  CHECK(ftpreply_decode_mark(S("110 MARK 12 = 34\r\n"), FTPREPLY_DECODE_STRICT, &pair) == FTPREPLY_OK);
  CHECK(span_is(pair.first, "12") && span_is(pair.second, "34"));
  CHECK(ftpreply_decode_size(S("213 1234\r\n"), FTPREPLY_DECODE_STRICT, &size) == FTPREPLY_OK &&
        size == 1234);
  CHECK(ftpreply_decode_mdtm(S("213 20261206013000.5\r\n"), FTPREPLY_DECODE_STRICT, &t) == FTPREPLY_OK);
  CHECK(t.year == 2026 && t.month == 12 && t.day == 6 && t.hour == 1 && t.minute == 30 &&
        span_is(t.fraction, "5"));
  CHECK(ftpreply_decode_system(S("215 UNIX Type: L8\r\n"), FTPREPLY_DECODE_STRICT, &pair) == FTPREPLY_OK);
  CHECK(span_is(pair.first, "UNIX") && span_is(pair.second, "Type: L8"));
  CHECK(ftpreply_decode_features(feat, sizeof feat - 1, FTPREPLY_DECODE_STRICT, features, 4,
                                 &count) == FTPREPLY_OK && count == 3);
  CHECK(span_is(features[1].first, "REST") && span_is(features[1].second, "STREAM"));
  CHECK(ftpreply_decode_features(feat, sizeof feat - 1, FTPREPLY_DECODE_STRICT, features, 2,
                                 &count) == FTPREPLY_BUFFER_TOO_SMALL && count == 3);
  CHECK(ftpreply_decode_size(S("213 x\r\n"), FTPREPLY_DECODE_STRICT, &size) == FTPREPLY_MALFORMED);
  /* The encoder: one line, several, too small (the size needed, nothing written). */
  CHECK(ftpreply_encode_reply(200, "Command okay.", 13, out, sizeof out, &len) == FTPREPLY_OK);
  CHECK(wrote(out, len, "200 Command okay.\r\n"));
  CHECK(ftpreply_encode_reply(211, "a\n226 b\nc", 9, out, sizeof out, &len) == FTPREPLY_OK);
  CHECK(wrote(out, len, "211-a\r\n 226 b\r\n211 c\r\n"));
  CHECK(ftpreply_encode_reply(200, "ok", 2, out, 3, &len) == FTPREPLY_BUFFER_TOO_SMALL && len == 8);
  CHECK(ftpreply_encode_reply(99, "x", 1, out, sizeof out, &len) == FTPREPLY_INVALID_ARGUMENT);
  ep.family = 4;
  ep.address[0] = 127;
  ep.address[1] = 0;
  ep.address[2] = 0;
  ep.address[3] = 1;
  ep.port = 1025;
  CHECK(ftpreply_format_pasv(&ep, out, sizeof out, &len) == FTPREPLY_OK);
  CHECK(wrote(out, len, "Entering Passive Mode (127,0,0,1,4,1)."));
  CHECK(ftpreply_format_epsv(6446, out, sizeof out, &len) == FTPREPLY_OK &&
        wrote(out, len, "Entering Extended Passive Mode (|||6446|)"));
  CHECK(ftpreply_format_pathname(S("/a\"b"), "created", 7, out, sizeof out, &len) == FTPREPLY_OK &&
        wrote(out, len, "\"/a\"\"b\" created"));
  CHECK(ftpreply_format_size(500, out, sizeof out, &len) == FTPREPLY_OK && len == 3);
  CHECK(ftpreply_format_mdtm(&t, out, sizeof out, &len) == FTPREPLY_OK &&
        wrote(out, len, "20261206013000.5"));
  CHECK(ftpreply_format_system(S("UNIX"), "Type: L8", 8, out, sizeof out, &len) == FTPREPLY_OK &&
        wrote(out, len, "UNIX Type: L8"));
  CHECK(ftpreply_format_features(features, 2, out, sizeof out, &len) == FTPREPLY_OK &&
        wrote(out, len, "Features:\r\n EPSV\r\n REST STREAM\r\nEnd"));
}

static void test_zos(void) {
  ftpreply_zos_status z;
  char out[64];
  size_t len = 0;
  static const char line[] = "EZA2121I Command(00-01-CWD -250):";
  CHECK(ftpreply_parse_zos_status(line, sizeof line - 1, &z) == FTPREPLY_OK);
  CHECK(span_is(z.message_id, "EZA2121I") && z.client_error == 0 && z.subcommand == 1 &&
        span_is(z.command, "CWD") && z.reply == 250);
  CHECK(ftpreply_format_zos_status(&z, out, sizeof out, &len) == FTPREPLY_OK);
  CHECK(wrote(out, len, line));
  CHECK(ftpreply_parse_zos_status(S("hello"), &z) == FTPREPLY_MALFORMED);
}

int main(void) {
  test_names();
  test_scanner();
  test_reader();
  test_bad_input();
  test_every_null_argument();
  test_classify();
  test_codec();
  test_zos();
  printf("c_api: %d passed, %d failed\n", checks - failures, failures);
  return failures ? 1 : 0;
}
