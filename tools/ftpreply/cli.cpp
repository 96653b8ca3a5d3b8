// SPDX-License-Identifier: Apache-2.0
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/numbers.h"
#include "json.h"

namespace ftpreply_cli {

int usage_error(const char* cmd, const std::string& message) {
  std::fprintf(stderr, "ftpreply %s: %s\nTry 'ftpreply %s --help'.\n", cmd,
               message.c_str(), cmd);
  return exit_usage;
}

bool parse_number(const std::string& s, uint64_t lo, uint64_t hi, uint64_t* out) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
    return false;
  uint64_t v = 0;
  if (!absl::SimpleAtoi(s, &v) || v < lo || v > hi) return false;
  *out = v;
  return true;
}

bool line_writer::flush() {
  if (!buf_.empty()) {
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) ok_ = false;
    buf_.clear();
  }
  if (std::fflush(f_) != 0) ok_ = false;
  return ok_;
}

input::input(const std::string& path) : name_(path) {
  if (path == "-") {
    fd_ = 0;
    name_ = "standard input";
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      error_ = "cannot open '" + path + "': " + std::strerror(errno);
      return;
    }
    owned_ = true;
  }
  struct stat st;
  if (::fstat(fd_, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      error_ = "'" + path + "' is a directory";
      if (owned_) ::close(fd_);
      fd_ = -1;
      return;
    }
    if (S_ISREG(st.st_mode)) size_ = static_cast<uint64_t>(st.st_size);
  }
}

input::~input() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

long input::read_some(char* dst, size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, dst, n);
    if (got >= 0) return static_cast<long>(got);
    if (errno == EINTR) continue;
    error_ = "cannot read " + name_ + ": " + std::strerror(errno);
    return -1;
  }
}

bool input::read_all(std::string* out) {
  out->clear();
  if (size_) out->reserve(size_);
  char tmp[1 << 16];
  for (;;) {
    long got = read_some(tmp, sizeof tmp);
    if (got < 0) return false;
    if (got == 0) return true;
    out->append(tmp, static_cast<size_t>(got));
  }
}

const char* const scan_options_help =
    "  --strict               RFC 959 to the letter (CRLF, 'xyz ' terminator)\n"
    "  --lenient              accept what real servers send (the default)\n"
    "  --any-code-terminator  end a multi-line reply at any 'ddd ' line\n"
    "  --max-line N           longest line in bytes, line end included\n"
    "                         (8 to 4294967295, default 16384)\n"
    "  --max-reply N          largest reply in bytes (at least --max-line,\n"
    "                         at most 1073741824, default 1048576)\n"
    "  --max-lines N          most lines in a reply (1 to 4294967295,\n"
    "                         default 65536)\n"
    "  --chunk N              feed the scanner N bytes at a time (1 to\n"
    "                         67108864, default 65536)\n"
    "  --kernel NAME          scalar, sse2, avx2, avx512bw, neon or auto\n"
    "                         (default: the best this CPU runs)\n";

option_def flag_option(const char* name, bool* out) {
  return {name, false, "", [out](const std::string&) {
            *out = true;
            return std::string();
          }};
}

option_def text_option(const char* name, std::string* out, const char* need) {
  return {name, true, need, [=](const std::string& v) {
            *out = v;
            return v.empty() ? std::string(need) : std::string();
          }};
}

option_def number_option(const char* name, uint64_t lo, uint64_t hi, uint64_t* out,
                         const char* need) {
  return {name, true, need, [=](const std::string& v) {
            return parse_number(v, lo, hi, out) ? std::string() : std::string(need);
          }};
}

option_def kernel_option(const char* name, ftpreply::kernel* out) {
  const char* need = "--kernel needs one of scalar, sse2, avx2, avx512bw, neon, auto";
  return {name, true, need, [=](const std::string& v) {
            if (!ftpreply::kernel_from_string(v.c_str(), out)) return std::string(need);
            if (!ftpreply::kernel_supported(*out))
              return "kernel '" + v + "' is not available on this CPU or in this build";
            return std::string();
          }};
}

std::vector<option_def> scan_options(scan_settings* s) {
  auto setting = [](const char* name, auto&& set) {
    return option_def{name, false, "", [set](const std::string&) {
                        set();
                        return std::string();
                      }};
  };
  auto u32 = [](const char* name, uint64_t lo, uint32_t* out, const char* need) {
    return option_def{name, true, need, [=](const std::string& v) {
                        uint64_t n = 0;
                        if (!parse_number(v, lo, UINT32_MAX, &n)) return std::string(need);
                        *out = static_cast<uint32_t>(n);
                        return std::string();
                      }};
  };
  return {
      setting("--strict", [s] { s->opt.strict = true; }),
      setting("--lenient", [s] { s->opt.strict = false; }),
      setting("--any-code-terminator", [s] { s->opt.any_code_terminates = true; }),
      u32("--max-line", 8, &s->opt.max_line, "--max-line needs a number from 8 to 4294967295"),
      number_option("--max-reply", 8, uint64_t{1} << 30, &s->opt.max_reply,
                    "--max-reply needs a number from 8 to 1073741824"),
      u32("--max-lines", 1, &s->opt.max_lines, "--max-lines needs a number from 1 to 4294967295"),
      {"--chunk", true, "--chunk needs a number from 1 to 67108864",
       [s](const std::string& v) {
         uint64_t n = 0;
         if (!parse_number(v, 1, uint64_t{1} << 26, &n))
           return std::string("--chunk needs a number from 1 to 67108864");
         s->chunk = static_cast<size_t>(n);
         return std::string();
       }},
      kernel_option("--kernel", &s->kernel),
  };
}

int parse_args(const char* cmd, const char* help, const std::vector<std::string>& args,
               const std::vector<option_def>& options, const operand_rule& rule,
               std::vector<std::string>* operands) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(help, stdout);
      return exit_ok;
    }
    const option_def* match = nullptr;
    std::string value;
    bool has_value = false;
    for (const option_def& o : options) {
      if (a == o.name) {
        match = &o;
      } else if (o.takes_value && a.size() > o.name.size() && a.compare(0, o.name.size(), o.name) == 0 &&
                 a[o.name.size()] == '=') {
        match = &o;
        value = a.substr(o.name.size() + 1);
        has_value = true;
      }
      if (match) break;
    }
    if (match == nullptr) {
      if (a.size() > 1 && a[0] == '-' && !rule.dashes_are_text)
        return usage_error(cmd, "unknown option '" + a + "'");
      if (operands->size() >= rule.most) return usage_error(cmd, rule.too_many);
      operands->push_back(a);
      continue;
    }
    if (match->takes_value && !has_value) {
      if (i + 1 >= args.size()) return usage_error(cmd, match->need);
      value = args[++i];
    }
    const std::string wrong = match->apply(value);
    if (!wrong.empty()) return usage_error(cmd, wrong);
  }
  return -1;
}

progress::progress(uint64_t size_hint)
    : enabled_(::isatty(2) != 0),
      total_(size_hint),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void progress::update(uint64_t bytes) {
  constexpr uint64_t large = uint64_t{64} << 20;
  if (!enabled_ || (bytes < large && total_ < large)) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mib = static_cast<double>(bytes) / (1 << 20);
  if (total_)
    std::fprintf(stderr, "\r%.0f / %.0f MiB (%.0f%%), %.0f MiB/s   ", mib,
                 static_cast<double>(total_) / (1 << 20),
                 100.0 * static_cast<double>(bytes) / static_cast<double>(total_),
                 secs > 0 ? mib / secs : 0.0);
  else
    std::fprintf(stderr, "\r%.0f MiB, %.0f MiB/s   ", mib, secs > 0 ? mib / secs : 0.0);
  shown_ = true;
}

void progress::done() {
  if (shown_) std::fprintf(stderr, "\r%60s\r", "");
  shown_ = false;
}

std::string flags_json(uint16_t flags) {
  std::string out = "[";
  for (int b = 0; b < ftpreply::flags::count; ++b) {
    const auto f = static_cast<uint16_t>(1u << b);
    if (!(flags & f)) continue;
    if (out.size() > 1) out += ',';
    out += '"';
    out += ftpreply::flag_name(f);
    out += '"';
  }
  out += ']';
  return out;
}

void add_event_fields(ftpreply_tools::json_object& o, const ftpreply::event& e) {
  if (!e.is_reply()) {
    o.text("error", ftpreply::to_string(e.err()))
        .field("offset", e.offset())
        .field("start", e.start())
        .field("length", e.length());
    return;
  }
  o.field("offset", e.offset())
      .field("length", e.length())
      .field("code", static_cast<unsigned>(e.code()))
      .field("lines", static_cast<unsigned>(e.line_count()))
      .text("kind", ftpreply::to_string(e.kind()))
      .text("group", ftpreply::to_string(e.group()))
      .raw("flags", flags_json(e.flags()))
      .bytes("text", e.first_line_text());
}

std::string event_json(const ftpreply::event& e) {
  ftpreply_tools::json_object o;
  add_event_fields(o, e);
  return std::move(o.finish());
}

}  // namespace ftpreply_cli
