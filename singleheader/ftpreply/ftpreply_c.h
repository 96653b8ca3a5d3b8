/* ftpreply_c.h - the ftpreply C API: ftpreply 1.1.0, SPDX-License-Identifier: Apache-2.0.
// Generated from kernel/ by tools/amalgamate.cmake (cmake --build BUILD --target
// ftpreply_singleheader); do not edit. */
/* Pair with ftpreply.cpp, compiled once by any C++17 compiler. */
/* SPDX-License-Identifier: Apache-2.0 */
/* ftpreply.h - the ftpreply kernel from C (C99 or later, and C++).
 *
 * For the C servers and clients that most FTP software is. A thin layer
 * over the same code as the C++ API (<ftpreply/ftpreply.h>): it links with
 * the C compiler alone (no C++ runtime), allocates nothing, and keeps its
 * state in storage the caller provides. Names are ftpreply_ and FTPREPLY_;
 * enum values never change (new ones are added at the end).
 *
 * A client reading replies:
 *
 *   char buf[1 << 16];                       // the reader's bytes: yours
 *   ftpreply_reader r;
 *   ftpreply_reader_init(&r, NULL, FTPREPLY_KERNEL_AUTOMATIC, buf, sizeof buf);
 *   for (;;) {
 *     ssize_t n = recv(fd, chunk, sizeof chunk, 0);
 *     if (n <= 0) break;
 *     if (ftpreply_reader_feed(&r, chunk, (size_t)n) != FTPREPLY_OK) break;
 *     ftpreply_event e;
 *     while (ftpreply_reader_next(&r, &e))
 *       if (ftpreply_event_is_reply(&e))
 *         printf("%u\n", ftpreply_event_code(&e));
 *   }
 *
 * A server writing one:
 *
 *   char out[512];
 *   size_t len;
 *   if (ftpreply_encode_reply(257, text, text_len, out, sizeof out, &len) == FTPREPLY_OK)
 *     send(fd, out, len, 0);
 *
 * Ownership and lifetimes: every pointer an event or a decoder gives views
 * the bytes it was made from (the reader's buffer, or the reply passed to
 * the decoder): valid while those bytes are, and for a reader's events
 * until its next feed, gap or finish. Nothing here frees or keeps a
 * pointer past the call, but for the reader, which writes into the buffer
 * given to ftpreply_reader_init() for as long as it is used.
 *
 * Errors: every function that can fail returns an ftpreply_error. A null
 * pointer where one is needed (with a non-zero size) is
 * FTPREPLY_INVALID_ARGUMENT; storage that ftpreply_*_init() did not set up,
 * or a scanner used after ftpreply_finish() without ftpreply_scanner_reset(),
 * is FTPREPLY_BAD_STATE. Nothing aborts or prints.
 */
#ifndef FTPREPLY_C_H
#define FTPREPLY_C_H

#include <stddef.h>
#include <stdint.h>

#ifndef FTPREPLY_VERSION_MAJOR
#define FTPREPLY_VERSION_MAJOR 1
#define FTPREPLY_VERSION_MINOR 1
#define FTPREPLY_VERSION_PATCH 0
#define FTPREPLY_VERSION "1.1.0"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define FTPREPLY_API __attribute__((visibility("default")))
#else
#define FTPREPLY_API
#endif

/* The release of the compiled kernel ("1.1.0"). */
FTPREPLY_API const char* ftpreply_version(void);

/* --- errors ---------------------------------------------------------------- */

typedef enum ftpreply_error {
  FTPREPLY_OK = 0,                /* no error */
  FTPREPLY_BAD_CODE = 1,          /* a line where a reply should start lacks three digits */
  FTPREPLY_BAD_SEPARATOR = 2,     /* the byte after the code is neither space nor '-' */
  FTPREPLY_BAD_CLASS = 3,         /* strict: the code's first digit is not 1-6 */
  FTPREPLY_EMPTY_LINE = 4,        /* strict: an empty line where a reply should start */
  FTPREPLY_BARE_LF = 5,           /* strict: a line ended by LF without CR */
  FTPREPLY_BARE_CODE = 6,         /* strict: a reply's line is only the code */
  FTPREPLY_UNTERMINATED = 7,      /* end of stream inside a multi-line reply */
  FTPREPLY_TRUNCATED = 8,         /* end of stream inside a line */
  FTPREPLY_LINE_TOO_LONG = 9,     /* a line over max_line bytes */
  FTPREPLY_REPLY_TOO_LONG = 10,   /* a reply over max_reply bytes */
  FTPREPLY_TOO_MANY_LINES = 11,   /* a reply over max_lines lines */
  FTPREPLY_MALFORMED = 12,        /* codec: the payload does not have the expected form */
  FTPREPLY_OUT_OF_RANGE = 13,     /* codec: a number in the payload is out of range */
  FTPREPLY_BUFFER_TOO_SMALL = 14, /* the caller's buffer cannot hold the result */
  FTPREPLY_INVALID_ARGUMENT = 15, /* an argument the function cannot accept (a null pointer) */
  FTPREPLY_UNSEAL_FAILED = 16,    /* codec: the caller's seal or unseal function refused */
  FTPREPLY_GAP = 17,              /* bytes of the stream were lost (ftpreply_gap) */
  FTPREPLY_BAD_STATE = 18         /* storage not set up by init, or a finished scanner */
} ftpreply_error;

/* "ok", "bad_code", ... as the command line prints them; "unknown" else. */
FTPREPLY_API const char* ftpreply_error_name(ftpreply_error e);

/* --- kernels ---------------------------------------------------------------- */

typedef enum ftpreply_kernel {
  FTPREPLY_KERNEL_AUTOMATIC = 0, /* the best this CPU runs */
  FTPREPLY_KERNEL_SCALAR = 1,
  FTPREPLY_KERNEL_SSE2 = 2,
  FTPREPLY_KERNEL_AVX2 = 3,
  FTPREPLY_KERNEL_AVX512BW = 4,
  FTPREPLY_KERNEL_NEON = 5
} ftpreply_kernel;

/* 1 when this build has the kernel and this CPU runs it. */
FTPREPLY_API int ftpreply_kernel_supported(ftpreply_kernel k);
/* What FTPREPLY_KERNEL_AUTOMATIC is on this CPU. */
FTPREPLY_API ftpreply_kernel ftpreply_best_kernel(void);
/* "automatic", "scalar", "sse2", "avx2", "avx512bw", "neon"; "unknown" else. */
FTPREPLY_API const char* ftpreply_kernel_name(ftpreply_kernel k);

/* --- options ---------------------------------------------------------------- */

typedef struct ftpreply_options {
  int strict;              /* RFC 959 to the letter (else lenient) */
  int any_code_terminates; /* lenient: a block ends at the first "ddd " line */
  uint32_t max_line;       /* longest line, line end included (16384) */
  uint64_t max_reply;      /* largest reply in bytes (1 MiB) */
  uint32_t max_lines;      /* most lines in a reply (65536) */
} ftpreply_options;

/* The defaults: lenient, or strict; the limits above. */
FTPREPLY_API ftpreply_options ftpreply_options_lenient(void);
FTPREPLY_API ftpreply_options ftpreply_options_strict(void);

/* --- events ------------------------------------------------------------------ */

/* Flags of a reply (ftpreply_event_flags), one bit each. */
#define FTPREPLY_FLAG_AFTER_GAP 0x01u    /* the first reply after a gap */
#define FTPREPLY_FLAG_BARE_CODE 0x02u    /* lenient: a line that is only the code */
#define FTPREPLY_FLAG_BARE_LF 0x04u      /* lenient: a line ended by a bare LF */
#define FTPREPLY_FLAG_BLANK_LINE 0x08u   /* lenient: empty lines came before it */
#define FTPREPLY_FLAG_MISMATCHED_TERMINATOR 0x10u /* any-code: the codes differ */
#define FTPREPLY_FLAG_NON_ASCII 0x20u    /* a byte 0x80-0xFE */
#define FTPREPLY_FLAG_NUL 0x40u          /* a NUL byte */
#define FTPREPLY_FLAG_TELNET 0x80u       /* a byte 0xFF (Telnet IAC) */

/* One reply or one framing error: the C++ ftpreply::event, byte for byte.
 * Read it through the functions below; the fields are not an interface. */
typedef struct ftpreply_event {
  uint64_t opaque_[3];
} ftpreply_event;

/* A view of bytes: not NUL-terminated. */
typedef struct ftpreply_span {
  const char* data;
  size_t size;
} ftpreply_span;

/* 1 for a reply, 0 for a framing error. */
FTPREPLY_API int ftpreply_event_is_reply(const ftpreply_event* e);
/* The reply's code (100-999; the terminator's under any_code_terminates), 0 for an error. */
FTPREPLY_API unsigned ftpreply_event_code(const ftpreply_event* e);
/* FTPREPLY_FLAG_ bits of a reply; 0 for an error. */
FTPREPLY_API unsigned ftpreply_event_flags(const ftpreply_event* e);
/* FTPREPLY_OK for a reply, else the framing error. */
FTPREPLY_API ftpreply_error ftpreply_event_error(const ftpreply_event* e);
/* The stream offset of the reply's first byte, or of the offending line. */
FTPREPLY_API uint64_t ftpreply_event_offset(const ftpreply_event* e);
/* The span the event covers: [start, start + length) in stream offsets. */
FTPREPLY_API uint64_t ftpreply_event_start(const ftpreply_event* e);
FTPREPLY_API uint64_t ftpreply_event_length(const ftpreply_event* e);
/* A reply's bytes, line ends included (empty for an error). */
FTPREPLY_API ftpreply_span ftpreply_event_bytes(const ftpreply_event* e);
/* Lines in a reply (0 for an error). */
FTPREPLY_API uint32_t ftpreply_event_lines(const ftpreply_event* e);
/* The text of the first and last lines (after "ddd " or "ddd-"). */
FTPREPLY_API ftpreply_span ftpreply_event_first_text(const ftpreply_event* e);
FTPREPLY_API ftpreply_span ftpreply_event_last_text(const ftpreply_event* e);
/* The name of one flag bit ("after_gap", ...); "unknown" else. */
FTPREPLY_API const char* ftpreply_flag_name(unsigned single_flag);

/* --- the scanner, in caller storage ------------------------------------------- */

/* Storage for a scanner: FTPREPLY_SCANNER_SIZE bytes aligned as uint64_t,
 * checked against the C++ scanner at compile time. Set up by
 * ftpreply_scanner_init(); no destroy needed (nothing to free). */
#define FTPREPLY_SCANNER_SIZE 160
typedef struct ftpreply_scanner {
  uint64_t opaque_[FTPREPLY_SCANNER_SIZE / 8];
} ftpreply_scanner;

typedef struct ftpreply_scan_result {
  size_t events;    /* events written to out */
  size_t consumed;  /* leading bytes of the input the caller may drop */
  int output_full;  /* 1: stopped because out was full; call again with the rest */
} ftpreply_scan_result;

/* Sets up a scanner: `options` NULL for lenient; a kernel this CPU cannot
 * run is replaced by the scalar one (ftpreply_scanner_kernel says). */
FTPREPLY_API ftpreply_error ftpreply_scanner_init(ftpreply_scanner* s,
                                                  const ftpreply_options* options,
                                                  ftpreply_kernel kernel);
/* Scans data[0, size) (every byte not yet consumed, then the new ones),
 * writing at most `capacity` events to out; slots past the events written
 * are scratch. The incomplete rest stays with the caller, who appends the
 * next read and calls again. */
FTPREPLY_API ftpreply_error ftpreply_scan(ftpreply_scanner* s, const char* data, size_t size,
                                          ftpreply_event* out, size_t capacity,
                                          ftpreply_scan_result* result);
/* The same, then the end of the stream: an open reply is unterminated, a
 * line without its end truncated. Once it returns without output_full the
 * scanner is finished: FTPREPLY_BAD_STATE until ftpreply_scanner_reset(). */
FTPREPLY_API ftpreply_error ftpreply_finish(ftpreply_scanner* s, const char* data, size_t size,
                                            ftpreply_event* out, size_t capacity,
                                            ftpreply_scan_result* result);
/* `lost` bytes of the stream are missing after data (a capture's hole):
 * what was open and the lines up to the next possible reply become one
 * FTPREPLY_GAP event (kernel/SPEC.md rule 11). */
FTPREPLY_API ftpreply_error ftpreply_gap(ftpreply_scanner* s, const char* data, size_t size,
                                         uint64_t lost, ftpreply_event* out, size_t capacity,
                                         ftpreply_scan_result* result);
/* A new stream at offset 0, same options and kernel. */
FTPREPLY_API ftpreply_error ftpreply_scanner_reset(ftpreply_scanner* s);
/* The stream offset of the first unconsumed byte (0 for bad storage). */
FTPREPLY_API uint64_t ftpreply_scanner_position(const ftpreply_scanner* s);
/* The kernel it runs (FTPREPLY_KERNEL_SCALAR for bad storage). */
FTPREPLY_API ftpreply_kernel ftpreply_scanner_kernel(const ftpreply_scanner* s);

/* --- the reader: a scanner over a buffer the caller provides -------------------- */

/* Storage for a reader: FTPREPLY_READER_SIZE bytes aligned as uint64_t. */
#define FTPREPLY_READER_SIZE 640
typedef struct ftpreply_reader {
  uint64_t opaque_[FTPREPLY_READER_SIZE / 8];
} ftpreply_reader;

/* Sets up a reader that keeps unconsumed bytes in buffer[0, capacity): it
 * must hold the largest reply plus one read (with the default options a
 * reply may be 1 MiB; lower max_reply for a smaller buffer). */
FTPREPLY_API ftpreply_error ftpreply_reader_init(ftpreply_reader* r,
                                                 const ftpreply_options* options,
                                                 ftpreply_kernel kernel, char* buffer,
                                                 size_t capacity);
/* Appends bytes the connection gave. Taken only when every event has been
 * read (else FTPREPLY_BAD_STATE, nothing taken); FTPREPLY_BUFFER_TOO_SMALL
 * when they do not fit beside the bytes held (nothing taken). */
FTPREPLY_API ftpreply_error ftpreply_reader_feed(ftpreply_reader* r, const char* data,
                                                 size_t size);
/* `lost` bytes are missing here; as feed, taken when every event was read. */
FTPREPLY_API ftpreply_error ftpreply_reader_gap(ftpreply_reader* r, uint64_t lost);
/* The end of the stream; feeding after it starts a new one. */
FTPREPLY_API ftpreply_error ftpreply_reader_finish(ftpreply_reader* r);
/* The next reply or framing error in *out: 1, or 0 when there is none until
 * more bytes come (or for bad arguments). Its views hold until the next
 * feed, gap or finish. */
FTPREPLY_API int ftpreply_reader_next(ftpreply_reader* r, ftpreply_event* out);
/* Bytes the reader holds. */
FTPREPLY_API size_t ftpreply_reader_buffered(const ftpreply_reader* r);

/* --- the classifier ----------------------------------------------------------- */

typedef enum ftpreply_kind {
  FTPREPLY_KIND_INVALID = 0,
  FTPREPLY_KIND_PRELIMINARY = 1,
  FTPREPLY_KIND_COMPLETION = 2,
  FTPREPLY_KIND_INTERMEDIATE = 3,
  FTPREPLY_KIND_TRANSIENT_NEGATIVE = 4,
  FTPREPLY_KIND_PERMANENT_NEGATIVE = 5,
  FTPREPLY_KIND_PROTECTED = 6
} ftpreply_kind;

typedef enum ftpreply_group {
  FTPREPLY_GROUP_SYNTAX = 0,
  FTPREPLY_GROUP_INFORMATION = 1,
  FTPREPLY_GROUP_CONNECTIONS = 2,
  FTPREPLY_GROUP_AUTHENTICATION = 3,
  FTPREPLY_GROUP_UNSPECIFIED = 4,
  FTPREPLY_GROUP_FILE_SYSTEM = 5,
  FTPREPLY_GROUP_UNKNOWN = 6
} ftpreply_group;

typedef enum ftpreply_source {
  FTPREPLY_SOURCE_NONE = 0,
  FTPREPLY_SOURCE_RFC959 = 1,
  FTPREPLY_SOURCE_RFC1639 = 2,
  FTPREPLY_SOURCE_RFC2228 = 3,
  FTPREPLY_SOURCE_RFC2428 = 4,
  FTPREPLY_SOURCE_RFC7151 = 5,
  FTPREPLY_SOURCE_VENDOR = 6,
  FTPREPLY_SOURCE_WINSOCK = 7
} ftpreply_source;

typedef struct ftpreply_code_info {
  uint32_t code;
  int known;
  ftpreply_kind kind;
  ftpreply_group group;
  ftpreply_source source;
  const char* meaning; /* static text; NULL when not known */
} ftpreply_code_info;

/* What is known of any code, in constant time. */
FTPREPLY_API ftpreply_code_info ftpreply_classify(uint32_t code);
/* "preliminary", ...; "syntax", ...; "rfc959", ... as the command line prints them. */
FTPREPLY_API const char* ftpreply_kind_name(ftpreply_kind k);
FTPREPLY_API const char* ftpreply_group_name(ftpreply_group g);
FTPREPLY_API const char* ftpreply_source_name(ftpreply_source s);

/* --- payload decoders: `reply` is a reply's bytes (ftpreply_event_bytes) ------- */

typedef enum ftpreply_decode_mode {
  FTPREPLY_DECODE_STRICT = 0,
  FTPREPLY_DECODE_LENIENT = 1
} ftpreply_decode_mode;

typedef struct ftpreply_endpoint {
  int family;          /* 0 none, 4 IPv4 (address[0..3]), 6 IPv6 */
  uint8_t address[16]; /* network order */
  uint16_t port;
} ftpreply_endpoint;

typedef struct ftpreply_timestamp {
  uint16_t year;
  uint8_t month, day, hour, minute, second;
  ftpreply_span fraction; /* the digits after '.', if any */
} ftpreply_timestamp;

typedef struct ftpreply_pair {
  ftpreply_span first, second;
} ftpreply_pair;

/* 227 "(h1,h2,h3,h4,p1,p2)", 228 (LPSV), 229 "(|||port|)". */
FTPREPLY_API ftpreply_error ftpreply_decode_pasv(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_endpoint* out);
FTPREPLY_API ftpreply_error ftpreply_decode_lpsv(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_endpoint* out);
FTPREPLY_API ftpreply_error ftpreply_decode_epsv(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, uint16_t* port);
/* 257: the quoted path into path[0, *length) (BUFFER_TOO_SMALL: *length needed). */
FTPREPLY_API ftpreply_error ftpreply_decode_pathname(const char* reply, size_t size,
                                                     ftpreply_decode_mode mode, char* path,
                                                     size_t capacity, size_t* length);
/* 110 "MARK user = server": first the user's marker, second the server's. */
FTPREPLY_API ftpreply_error ftpreply_decode_mark(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_pair* out);
/* 213 after SIZE, and after MDTM. */
FTPREPLY_API ftpreply_error ftpreply_decode_size(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, uint64_t* bytes);
FTPREPLY_API ftpreply_error ftpreply_decode_mdtm(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_timestamp* out);
/* 215: first the system name, second the rest. */
FTPREPLY_API ftpreply_error ftpreply_decode_system(const char* reply, size_t size,
                                                   ftpreply_decode_mode mode, ftpreply_pair* out);
/* 211 after FEAT: each feature as (name, params), at most `capacity` (and
 * at most FTPREPLY_MAX_FEATURES); *count how many the reply has
 * (BUFFER_TOO_SMALL when more than were written). */
#define FTPREPLY_MAX_FEATURES 128
FTPREPLY_API ftpreply_error ftpreply_decode_features(const char* reply, size_t size,
                                                     ftpreply_decode_mode mode, ftpreply_pair* out,
                                                     size_t capacity, size_t* count);

/* --- the encoder: writes to out[0, *length), or BUFFER_TOO_SMALL with *length
 * the size needed (nothing written) ------------------------------------------- */

/* A whole reply, "ddd text\r\n" or multi-line when the text has line breaks
 * (split at CR LF, LF or CR; middle lines that could read as a terminator
 * protected); code 100-659. */
FTPREPLY_API ftpreply_error ftpreply_encode_reply(unsigned code, const char* text, size_t size,
                                                  char* out, size_t capacity, size_t* length);
/* The texts of common replies, for ftpreply_encode_reply. */
FTPREPLY_API ftpreply_error ftpreply_format_pasv(const ftpreply_endpoint* ep, char* out,
                                                 size_t capacity, size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_epsv(uint16_t port, char* out, size_t capacity,
                                                 size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_pathname(const char* path, size_t path_size,
                                                     const char* comment, size_t comment_size,
                                                     char* out, size_t capacity, size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_size(uint64_t bytes, char* out, size_t capacity,
                                                 size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_mdtm(const ftpreply_timestamp* t, char* out,
                                                 size_t capacity, size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_system(const char* name, size_t name_size,
                                                   const char* rest, size_t rest_size, char* out,
                                                   size_t capacity, size_t* length);
/* "Features:", one line per (name, params), "End": for code 211; at most
 * FTPREPLY_MAX_FEATURES (else INVALID_ARGUMENT). */
FTPREPLY_API ftpreply_error ftpreply_format_features(const ftpreply_pair* features, size_t count,
                                                     char* out, size_t capacity, size_t* length);

/* --- the z/OS FTP client API status line ------------------------------------- */

typedef struct ftpreply_zos_status {
  ftpreply_span message_id; /* "EZA2121I", or empty */
  int client_error;         /* 0-99 */
  int subcommand;           /* 0-99, or -1 when blank */
  ftpreply_span command;    /* 1-4 characters, or empty when blank */
  int reply;                /* 0-999, or -1 when blank */
} ftpreply_zos_status;

/* "EZA2121I Command(ee-ss-cccc-rrr):" both ways. */
FTPREPLY_API ftpreply_error ftpreply_parse_zos_status(const char* line, size_t size,
                                                      ftpreply_zos_status* out);
FTPREPLY_API ftpreply_error ftpreply_format_zos_status(const ftpreply_zos_status* s, char* out,
                                                       size_t capacity, size_t* length);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FTPREPLY_C_H */
