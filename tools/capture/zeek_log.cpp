// SPDX-License-Identifier: Apache-2.0
#include "zeek_log.h"

#include <cstdio>
#include <ctime>

namespace ftpreply_capture {
namespace {

const char kFields[] =
    "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tuser\tpassword\tcommand\targ\t"
    "mime_type\tfile_size\treply_code\treply_msg\tdata_channel.passive\tdata_channel.orig_h\t"
    "data_channel.resp_h\tdata_channel.resp_p\tfuid";
const char kTypes[] =
    "time\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\tstring\tstring\tcount\tcount\t"
    "string\tbool\taddr\taddr\tport\tstring";

void hex(std::string& out, unsigned char c) {
  static const char digits[] = "0123456789abcdef";
  out += "\\x";
  out += digits[c >> 4];
  out += digits[c & 15];
}

std::string time_text(double ts) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", ts);
  return buf;
}

std::string date_text(double ts) {
  const std::time_t t = static_cast<std::time_t>(ts < 0 ? 0 : ts);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d-%H-%M-%S", &tm);
  return buf;
}

// One row's fields in order, each already in its form; unset is null.
template <class Field>
void fields(const ftp_record& r, Field&& f) {
  f("ts", time_text(r.ts), false, true);
  f("uid", r.uid, true, true);
  f("id.orig_h", r.orig_h, true, true);
  f("id.orig_p", std::to_string(r.orig_p), false, true);
  f("id.resp_h", r.resp_h, true, true);
  f("id.resp_p", std::to_string(r.resp_p), false, true);
  f("user", r.user, true, true);
  f("password", r.password, true, r.has_password);
  f("command", r.command, true, true);
  f("arg", r.arg, true, r.has_arg);
  f("mime_type", std::string(), true, false);
  f("file_size", std::to_string(r.file_size), false, r.has_file_size);
  f("reply_code", std::to_string(r.reply_code), false, r.has_reply);
  f("reply_msg", r.reply_msg, true, r.has_reply);
  f("data_channel.passive", r.passive ? "T" : "F", false, r.has_data_channel);
  f("data_channel.orig_h", r.data_orig_h, true, r.has_data_channel);
  f("data_channel.resp_h", r.data_resp_h, true, r.has_data_channel);
  f("data_channel.resp_p", std::to_string(r.data_resp_p), false, r.has_data_channel);
  f("fuid", std::string(), true, false);
}

}  // namespace

std::string zeek_tsv_field(std::string_view s) {
  if (s.empty()) return "(empty)";
  std::string out;
  if (s == "-" || s == "(empty)") {  // not to be read as unset or empty
    hex(out, static_cast<unsigned char>(s[0]));
    out += s.substr(1);
    return out;
  }
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F || c == '\\') hex(out, c);
    else out += ch;
  }
  return out;
}

std::string zeek_tsv_header(double open_ts) {
  return std::string("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                     "#unset_field\t-\n#path\tftp\n#open\t") +
         date_text(open_ts) + "\n#fields\t" + kFields + "\n#types\t" + kTypes + "\n";
}

std::string zeek_tsv_close(double close_ts) { return "#close\t" + date_text(close_ts) + "\n"; }

std::string zeek_tsv_row(const ftp_record& r) {
  std::string out;
  fields(r, [&](const char*, const std::string& v, bool is_string, bool set) {
    if (!out.empty()) out += '\t';
    out += !set ? std::string("-") : is_string ? zeek_tsv_field(v) : v;
  });
  out += '\n';
  return out;
}

std::string zeek_json_row(const ftp_record& r) {
  std::string out = "{";
  fields(r, [&](const char* key, const std::string& v, bool is_string, bool set) {
    if (!set) return;
    if (out.size() > 1) out += ',';
    out += '"';
    out += key;
    out += "\":";
    if (!is_string) {
      out += v == "T" ? "true" : v == "F" ? "false" : v;
      return;
    }
    out += '"';
    for (char ch : v) {
      const unsigned char c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += ch;
      } else if (c >= 0x7F) {
        out += '\\';  // the text \xHH, as JSON: "\\xHH"
        hex(out, c);
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += ch;
      }
    }
    out += '"';
  });
  out += "}\n";
  return out;
}

}  // namespace ftpreply_capture
