// SPDX-License-Identifier: Apache-2.0
// The C API (<ftpreply.h>) over the C++ kernel. It must link with a C
// compiler alone: no allocation, no exceptions, no std:: type that needs
// the C++ runtime; state lives in the caller's storage, built there with
// placement new and recognised by a tag word.
#include "ftpreply.h"

#include <cstring>
#include <new>
#include <type_traits>

#include "ftpreply/ftpreply.h"

namespace ftpreply {
namespace {

// The C enums are the C++ ones, value for value.
static_assert(FTPREPLY_GAP == static_cast<int>(error::gap) &&
                  FTPREPLY_INVALID_ARGUMENT == static_cast<int>(error::invalid_argument) &&
                  FTPREPLY_BUFFER_TOO_SMALL == static_cast<int>(error::buffer_too_small) &&
                  FTPREPLY_BAD_CODE == static_cast<int>(error::bad_code) &&
                  FTPREPLY_BAD_STATE == error_count,
              "C and C++ error values differ");
static_assert(FTPREPLY_KERNEL_NEON == static_cast<int>(kernel::neon) &&
                  FTPREPLY_KERNEL_AVX512BW == static_cast<int>(kernel::avx512bw),
              "C and C++ kernel values differ");
static_assert(FTPREPLY_KIND_PROTECTED == static_cast<int>(reply_kind::protected_reply) &&
                  FTPREPLY_GROUP_UNKNOWN == static_cast<int>(reply_group::unknown) &&
                  FTPREPLY_SOURCE_WINSOCK == static_cast<int>(source::winsock),
              "C and C++ classifier values differ");
static_assert(FTPREPLY_FLAG_AFTER_GAP == flags::after_gap && FTPREPLY_FLAG_TELNET == flags::telnet &&
                  FTPREPLY_FLAG_BARE_LF == flags::bare_lf && FTPREPLY_FLAG_NUL == flags::nul,
              "C and C++ flag values differ");
// The C event is the C++ event.
static_assert(sizeof(ftpreply_event) == sizeof(event) && alignof(ftpreply_event) == alignof(event) &&
                  std::is_trivially_copyable<event>::value,
              "ftpreply_event is not layout-identical to ftpreply::event");

constexpr uint64_t kScannerTag = 0x66747072735f6331u;  // "ftprs_c1"
constexpr uint64_t kReaderTag = 0x6674707272645f31u;   // "ftprrd_1"

// What a ftpreply_scanner holds.
struct c_scanner {
  uint64_t tag;
  bool finished;
  scanner s;
};
static_assert(sizeof(c_scanner) <= sizeof(ftpreply_scanner) &&
                  alignof(c_scanner) <= alignof(ftpreply_scanner),
              "FTPREPLY_SCANNER_SIZE is too small for the scanner");

// What a ftpreply_reader holds: the bytes [begin, end) of the caller's
// buffer not yet consumed, and events scanned but not yet given.
struct c_reader {
  static constexpr size_t batch_size = 16;
  uint64_t tag;
  scanner s;
  char* buffer;
  size_t capacity, begin, end;
  event batch[batch_size];
  size_t count, next;
  bool more;    // the bytes may hold more events
  bool at_end;  // finish(): scan to the end
  uint64_t lost;  // a gap declared after the bytes held
};
static_assert(sizeof(c_reader) <= sizeof(ftpreply_reader) &&
                  alignof(c_reader) <= alignof(ftpreply_reader),
              "FTPREPLY_READER_SIZE is too small for the reader");

ftpreply_error c(error e) { return static_cast<ftpreply_error>(e); }

options options_of(const ftpreply_options* o) {
  if (o == nullptr) return options::lenient();
  options r;
  r.strict = o->strict != 0;
  r.any_code_terminates = o->any_code_terminates != 0;
  r.max_line = o->max_line;
  r.max_reply = o->max_reply;
  r.max_lines = o->max_lines;
  return r;
}

ftpreply_options c_options(const options& o) {
  ftpreply_options r;
  r.strict = o.strict;
  r.any_code_terminates = o.any_code_terminates;
  r.max_line = o.max_line;
  r.max_reply = o.max_reply;
  r.max_lines = o.max_lines;
  return r;
}

bool valid_kernel(ftpreply_kernel k) {
  return static_cast<int>(k) >= FTPREPLY_KERNEL_AUTOMATIC && static_cast<int>(k) <= FTPREPLY_KERNEL_NEON;
}

c_scanner* scanner_of(ftpreply_scanner* s) {
  if (s == nullptr) return nullptr;
  c_scanner* x = reinterpret_cast<c_scanner*>(s);
  return x->tag == kScannerTag ? x : nullptr;
}
const c_scanner* scanner_of(const ftpreply_scanner* s) {
  return scanner_of(const_cast<ftpreply_scanner*>(s));
}
c_reader* reader_of(ftpreply_reader* r) {
  if (r == nullptr) return nullptr;
  c_reader* x = reinterpret_cast<c_reader*>(r);
  return x->tag == kReaderTag ? x : nullptr;
}

const event& ev(const ftpreply_event* e) { return *reinterpret_cast<const event*>(e); }

ftpreply_span span(std::string_view v) { return ftpreply_span{v.data(), v.size()}; }
std::string_view view(const char* p, size_t n) { return p == nullptr ? std::string_view() : std::string_view(p, n); }
std::string_view view(const ftpreply_span& s) { return view(s.data, s.size); }
decode_mode mode_of(ftpreply_decode_mode m) {
  return m == FTPREPLY_DECODE_STRICT ? decode_mode::strict : decode_mode::lenient;
}

// A null pointer with a non-zero size, or a mode or out of range.
bool bad_input(const char* p, size_t n) { return p == nullptr && n != 0; }

enum class call { scan, finish, gap };

ftpreply_error run(call how, ftpreply_scanner* s, const char* data, size_t size, uint64_t lost,
                   ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  if (result != nullptr) *result = ftpreply_scan_result{0, 0, 0};
  c_scanner* x = scanner_of(s);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (x->finished) return FTPREPLY_BAD_STATE;
  if (bad_input(data, size) || result == nullptr || (out == nullptr && capacity != 0))
    return FTPREPLY_INVALID_ARGUMENT;
  static const char none[1] = {};
  if (data == nullptr) data = none;
  event* o = reinterpret_cast<event*>(out);
  scan_result r = how == call::scan     ? x->s.scan(data, size, o, capacity)
                  : how == call::finish ? x->s.finish(data, size, o, capacity)
                                        : x->s.gap(data, size, lost, o, capacity);
  result->events = r.events;
  result->consumed = r.consumed;
  result->output_full = r.output_full;
  if (how == call::finish && !r.output_full) x->finished = true;
  return FTPREPLY_OK;
}

// Scans the reader's held bytes into its batch.
void refill(c_reader* x) {
  x->count = x->next = 0;
  if (!x->more) return;
  const char* data = x->buffer + x->begin;
  const size_t size = x->end - x->begin;
  const scan_result r = x->lost      ? x->s.gap(data, size, x->lost, x->batch, c_reader::batch_size)
                        : x->at_end ? x->s.finish(data, size, x->batch, c_reader::batch_size)
                                    : x->s.scan(data, size, x->batch, c_reader::batch_size);
  x->begin += r.consumed;
  x->count = r.events;
  x->more = r.output_full;
  if (!r.output_full) {
    x->lost = 0;
    x->at_end = false;
  }
}

}  // namespace
}  // namespace ftpreply

using namespace ftpreply;

extern "C" {

const char* ftpreply_version(void) { return version(); }

const char* ftpreply_error_name(ftpreply_error e) {
  if (e == FTPREPLY_BAD_STATE) return "bad_state";
  if (static_cast<int>(e) < 0 || static_cast<int>(e) >= error_count) return "unknown";
  return to_string(static_cast<error>(e));
}

int ftpreply_kernel_supported(ftpreply_kernel k) {
  return valid_kernel(k) && kernel_supported(static_cast<kernel>(k));
}
ftpreply_kernel ftpreply_best_kernel(void) { return static_cast<ftpreply_kernel>(best_kernel()); }
const char* ftpreply_kernel_name(ftpreply_kernel k) {
  return valid_kernel(k) ? to_string(static_cast<kernel>(k)) : "unknown";
}

ftpreply_options ftpreply_options_lenient(void) { return c_options(options::lenient()); }
ftpreply_options ftpreply_options_strict(void) { return c_options(options::strict_rfc959()); }

// --- events ---------------------------------------------------------------------

int ftpreply_event_is_reply(const ftpreply_event* e) { return e != nullptr && ev(e).is_reply(); }
unsigned ftpreply_event_code(const ftpreply_event* e) { return e ? ev(e).code() : 0; }
unsigned ftpreply_event_flags(const ftpreply_event* e) { return e ? ev(e).flags() : 0; }
ftpreply_error ftpreply_event_error(const ftpreply_event* e) {
  return e ? c(ev(e).err()) : FTPREPLY_INVALID_ARGUMENT;
}
uint64_t ftpreply_event_offset(const ftpreply_event* e) { return e ? ev(e).offset() : 0; }
uint64_t ftpreply_event_start(const ftpreply_event* e) { return e ? ev(e).start() : 0; }
uint64_t ftpreply_event_length(const ftpreply_event* e) { return e ? ev(e).length() : 0; }
ftpreply_span ftpreply_event_bytes(const ftpreply_event* e) {
  return e ? span(ev(e).bytes()) : ftpreply_span{nullptr, 0};
}
uint32_t ftpreply_event_lines(const ftpreply_event* e) { return e ? ev(e).line_count() : 0; }
ftpreply_span ftpreply_event_first_text(const ftpreply_event* e) {
  return e ? span(ev(e).first_line_text()) : ftpreply_span{nullptr, 0};
}
ftpreply_span ftpreply_event_last_text(const ftpreply_event* e) {
  return e ? span(ev(e).last_line_text()) : ftpreply_span{nullptr, 0};
}
const char* ftpreply_flag_name(unsigned single_flag) {
  const char* name = single_flag > 0xFFFF ? nullptr : flag_name(static_cast<uint16_t>(single_flag));
  return name ? name : "unknown";  // not one flag bit
}

// --- the scanner ------------------------------------------------------------------

ftpreply_error ftpreply_scanner_init(ftpreply_scanner* s, const ftpreply_options* options,
                                     ftpreply_kernel kernel) {
  if (s == nullptr || !valid_kernel(kernel)) return FTPREPLY_INVALID_ARGUMENT;
  c_scanner* x = reinterpret_cast<c_scanner*>(s);
  x->tag = kScannerTag;
  x->finished = false;
  new (&x->s) scanner(options_of(options), static_cast<ftpreply::kernel>(kernel));
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_scan(ftpreply_scanner* s, const char* data, size_t size,
                             ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  return run(call::scan, s, data, size, 0, out, capacity, result);
}
ftpreply_error ftpreply_finish(ftpreply_scanner* s, const char* data, size_t size,
                               ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  return run(call::finish, s, data, size, 0, out, capacity, result);
}
ftpreply_error ftpreply_gap(ftpreply_scanner* s, const char* data, size_t size, uint64_t lost,
                            ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  return run(call::gap, s, data, size, lost, out, capacity, result);
}
ftpreply_error ftpreply_scanner_reset(ftpreply_scanner* s) {
  c_scanner* x = scanner_of(s);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  x->s.reset();
  x->finished = false;
  return FTPREPLY_OK;
}
uint64_t ftpreply_scanner_position(const ftpreply_scanner* s) {
  const c_scanner* x = scanner_of(s);
  return x ? x->s.position() : 0;
}
ftpreply_kernel ftpreply_scanner_kernel(const ftpreply_scanner* s) {
  const c_scanner* x = scanner_of(s);
  return static_cast<ftpreply_kernel>(x ? x->s.active_kernel() : kernel::scalar);
}

// --- the reader ---------------------------------------------------------------------

ftpreply_error ftpreply_reader_init(ftpreply_reader* r, const ftpreply_options* options,
                                    ftpreply_kernel kernel, char* buffer, size_t capacity) {
  if (r == nullptr || buffer == nullptr || capacity == 0 || !valid_kernel(kernel))
    return FTPREPLY_INVALID_ARGUMENT;
  c_reader* x = reinterpret_cast<c_reader*>(r);
  x->tag = kReaderTag;
  new (&x->s) scanner(options_of(options), static_cast<ftpreply::kernel>(kernel));
  x->buffer = buffer;
  x->capacity = capacity;
  x->begin = x->end = x->count = x->next = 0;
  x->more = x->at_end = false;
  x->lost = 0;
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_reader_feed(ftpreply_reader* r, const char* data, size_t size) {
  c_reader* x = reader_of(r);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (bad_input(data, size)) return FTPREPLY_INVALID_ARGUMENT;
  if (x->next < x->count || x->more) return FTPREPLY_BAD_STATE;  // events not yet read
  if (size > x->capacity - (x->end - x->begin)) return FTPREPLY_BUFFER_TOO_SMALL;
  if (x->begin > 0) {  // the held bytes to the front: the events that viewed them are read
    std::memmove(x->buffer, x->buffer + x->begin, x->end - x->begin);
    x->end -= x->begin;
    x->begin = 0;
  }
  if (size) std::memcpy(x->buffer + x->end, data, size);
  x->end += size;
  x->more = true;
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_reader_gap(ftpreply_reader* r, uint64_t lost) {
  c_reader* x = reader_of(r);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (x->next < x->count || x->more) return FTPREPLY_BAD_STATE;
  if (lost == 0) return FTPREPLY_OK;
  x->lost = lost;
  x->more = true;
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_reader_finish(ftpreply_reader* r) {
  c_reader* x = reader_of(r);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (x->next < x->count || x->more) return FTPREPLY_BAD_STATE;
  x->at_end = true;
  x->more = true;
  return FTPREPLY_OK;
}

int ftpreply_reader_next(ftpreply_reader* r, ftpreply_event* out) {
  c_reader* x = reader_of(r);
  if (x == nullptr || out == nullptr) return 0;
  if (x->next == x->count) refill(x);
  if (x->next == x->count) return 0;
  std::memcpy(out, &x->batch[x->next++], sizeof *out);
  return 1;
}

size_t ftpreply_reader_buffered(const ftpreply_reader* r) {
  const c_reader* x = reader_of(const_cast<ftpreply_reader*>(r));
  return x ? x->end - x->begin : 0;
}

// --- the classifier -----------------------------------------------------------------

ftpreply_code_info ftpreply_classify(uint32_t code) {
  const code_info i = classify(code);
  ftpreply_code_info r;
  r.code = i.code;
  r.known = i.known;
  r.kind = static_cast<ftpreply_kind>(i.kind);
  r.group = static_cast<ftpreply_group>(i.group);
  r.source = static_cast<ftpreply_source>(i.src);
  r.meaning = i.meaning;
  return r;
}
const char* ftpreply_kind_name(ftpreply_kind k) {
  return k >= FTPREPLY_KIND_INVALID && k <= FTPREPLY_KIND_PROTECTED ? to_string(static_cast<reply_kind>(k))
                                                                    : "unknown";
}
const char* ftpreply_group_name(ftpreply_group g) {
  return g >= FTPREPLY_GROUP_SYNTAX && g <= FTPREPLY_GROUP_UNKNOWN ? to_string(static_cast<reply_group>(g))
                                                                  : "unknown";
}
const char* ftpreply_source_name(ftpreply_source s) {
  return s >= FTPREPLY_SOURCE_NONE && s <= FTPREPLY_SOURCE_WINSOCK ? to_string(static_cast<source>(s))
                                                                  : "unknown";
}

// --- decoders ---------------------------------------------------------------------------

static ftpreply_endpoint c_endpoint(const endpoint& ep) {
  ftpreply_endpoint r;
  r.family = static_cast<int>(ep.family);
  std::memcpy(r.address, ep.address, sizeof r.address);
  r.port = ep.port;
  return r;
}

// 227 and 228: the same endpoint, from two decoders.
static ftpreply_error decode_endpoint(error (*decode)(std::string_view, decode_mode, endpoint*) noexcept,
                                      const char* reply, size_t size, ftpreply_decode_mode mode,
                                      ftpreply_endpoint* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  endpoint ep;
  const error e = decode(view(reply, size), mode_of(mode), &ep);
  *out = c_endpoint(ep);
  return c(e);
}
ftpreply_error ftpreply_decode_pasv(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_endpoint* out) {
  return decode_endpoint(&decode_pasv, reply, size, mode, out);
}
ftpreply_error ftpreply_decode_lpsv(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_endpoint* out) {
  return decode_endpoint(&decode_lpsv, reply, size, mode, out);
}
ftpreply_error ftpreply_decode_epsv(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    uint16_t* port) {
  if (bad_input(reply, size) || port == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(decode_epsv(view(reply, size), mode_of(mode), port));
}
ftpreply_error ftpreply_decode_pathname(const char* reply, size_t size, ftpreply_decode_mode mode,
                                        char* path, size_t capacity, size_t* length) {
  if (bad_input(reply, size) || (path == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  return c(decode_pathname(view(reply, size), mode_of(mode), path, capacity, length));
}
ftpreply_error ftpreply_decode_mark(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_pair* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  restart_marker m;
  const error e = decode_mark(view(reply, size), mode_of(mode), &m);
  out->first = span(m.user);
  out->second = span(m.server);
  return c(e);
}
ftpreply_error ftpreply_decode_size(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    uint64_t* bytes) {
  if (bad_input(reply, size) || bytes == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(decode_size(view(reply, size), mode_of(mode), bytes));
}
ftpreply_error ftpreply_decode_mdtm(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_timestamp* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  timestamp t;
  const error e = decode_mdtm(view(reply, size), mode_of(mode), &t);
  out->year = t.year;
  out->month = t.month;
  out->day = t.day;
  out->hour = t.hour;
  out->minute = t.minute;
  out->second = t.second;
  out->fraction = span(t.fraction);
  return c(e);
}
ftpreply_error ftpreply_decode_system(const char* reply, size_t size, ftpreply_decode_mode mode,
                                      ftpreply_pair* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  system_type t;
  const error e = decode_system(view(reply, size), mode_of(mode), &t);
  out->first = span(t.name);
  out->second = span(t.rest);
  return c(e);
}
ftpreply_error ftpreply_decode_features(const char* reply, size_t size, ftpreply_decode_mode mode,
                                        ftpreply_pair* out, size_t capacity, size_t* count) {
  if (bad_input(reply, size) || (out == nullptr && capacity != 0) || count == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  // Through C++ features on the stack (the C pair is not the C++ struct).
  feature part[FTPREPLY_MAX_FEATURES];
  const size_t room = capacity < FTPREPLY_MAX_FEATURES ? capacity : FTPREPLY_MAX_FEATURES;
  const error e = decode_features(view(reply, size), mode_of(mode), part, room, count);
  if (e != error::ok && e != error::buffer_too_small) return c(e);
  for (size_t i = 0; i < room && i < *count; ++i) {
    out[i].first = span(part[i].name);
    out[i].second = span(part[i].params);
  }
  return c(e);
}

// --- the encoder --------------------------------------------------------------------------

ftpreply_error ftpreply_encode_reply(unsigned code, const char* text, size_t size, char* out,
                                     size_t capacity, size_t* length) {
  if (bad_input(text, size) || (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  if (code > 0xFFFF) return FTPREPLY_INVALID_ARGUMENT;
  return c(encode_reply(static_cast<uint16_t>(code), view(text, size), out, capacity, length));
}
ftpreply_error ftpreply_format_pasv(const ftpreply_endpoint* ep, char* out, size_t capacity,
                                    size_t* length) {
  if (ep == nullptr || (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  endpoint e;
  e.family = ep->family == 4 ? address_family::ipv4 : ep->family == 6 ? address_family::ipv6
                                                                       : address_family::none;
  std::memcpy(e.address, ep->address, sizeof e.address);
  e.port = ep->port;
  return c(format_pasv(e, out, capacity, length));
}
ftpreply_error ftpreply_format_epsv(uint16_t port, char* out, size_t capacity, size_t* length) {
  if ((out == nullptr && capacity != 0) || length == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(format_epsv(port, out, capacity, length));
}
ftpreply_error ftpreply_format_pathname(const char* path, size_t path_size, const char* comment,
                                        size_t comment_size, char* out, size_t capacity,
                                        size_t* length) {
  if (bad_input(path, path_size) || bad_input(comment, comment_size) ||
      (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  return c(format_pathname(view(path, path_size), view(comment, comment_size), out, capacity, length));
}
ftpreply_error ftpreply_format_size(uint64_t bytes, char* out, size_t capacity, size_t* length) {
  if ((out == nullptr && capacity != 0) || length == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(format_size(bytes, out, capacity, length));
}
ftpreply_error ftpreply_format_mdtm(const ftpreply_timestamp* t, char* out, size_t capacity,
                                    size_t* length) {
  if (t == nullptr || bad_input(t->fraction.data, t->fraction.size) ||
      (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  timestamp x;
  x.year = t->year;
  x.month = t->month;
  x.day = t->day;
  x.hour = t->hour;
  x.minute = t->minute;
  x.second = t->second;
  x.fraction = view(t->fraction);
  return c(format_mdtm(x, out, capacity, length));
}
ftpreply_error ftpreply_format_system(const char* name, size_t name_size, const char* rest,
                                      size_t rest_size, char* out, size_t capacity, size_t* length) {
  if (bad_input(name, name_size) || bad_input(rest, rest_size) ||
      (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  return c(format_system(view(name, name_size), view(rest, rest_size), out, capacity, length));
}
ftpreply_error ftpreply_format_features(const ftpreply_pair* features, size_t count, char* out,
                                        size_t capacity, size_t* length) {
  if ((features == nullptr && count != 0) || (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  feature part[FTPREPLY_MAX_FEATURES];
  if (count > FTPREPLY_MAX_FEATURES) return FTPREPLY_INVALID_ARGUMENT;
  for (size_t i = 0; i < count; ++i) {
    if (bad_input(features[i].first.data, features[i].first.size) ||
        bad_input(features[i].second.data, features[i].second.size))
      return FTPREPLY_INVALID_ARGUMENT;
    part[i].name = view(features[i].first);
    part[i].params = view(features[i].second);
  }
  return c(format_features(part, count, out, capacity, length));
}

// --- z/OS -----------------------------------------------------------------------------------

ftpreply_error ftpreply_parse_zos_status(const char* line, size_t size, ftpreply_zos_status* out) {
  if (bad_input(line, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  zos_status z;
  const error e = parse_zos_status(view(line, size), &z);
  out->message_id = span(z.message_id);
  out->client_error = z.client_error;
  out->subcommand = z.subcommand;
  out->command = span(z.command);
  out->reply = z.reply;
  return c(e);
}
ftpreply_error ftpreply_format_zos_status(const ftpreply_zos_status* s, char* out, size_t capacity,
                                          size_t* length) {
  if (s == nullptr || bad_input(s->message_id.data, s->message_id.size) ||
      bad_input(s->command.data, s->command.size) || (out == nullptr && capacity != 0) ||
      length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  zos_status z;
  z.message_id = view(s->message_id);
  z.client_error = s->client_error;
  z.subcommand = s->subcommand;
  z.command = view(s->command);
  z.reply = s->reply;
  return c(format_zos_status(z, out, capacity, length));
}

}  // extern "C"
