// SPDX-License-Identifier: Apache-2.0
// ftpreply decode: replies with what they carry. The decoders are one table
// (kDecoders): the help, --as, the code each one reads and `ftpreply probe`
// all come from it.
#include <string>

#include "cli.h"

namespace ftpreply_cli {
namespace {

using ftpreply::decode_mode;
using ftpreply::error;
using ftpreply_tools::json_object;

std::string two(unsigned v) {
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}


error pasv(std::string_view r, decode_mode m, json_object& o) {
  ftpreply::endpoint ep;
  const error e = ftpreply::decode_pasv(r, m, &ep);
  o.text("host", host_of(ep)).field("port", static_cast<unsigned>(ep.port));
  return e;
}

error lpsv(std::string_view r, decode_mode m, json_object& o) {
  ftpreply::endpoint ep;
  const error e = ftpreply::decode_lpsv(r, m, &ep);
  o.field("family", static_cast<unsigned>(ep.family));
  o.text("host", host_of(ep)).field("port", static_cast<unsigned>(ep.port));
  return e;
}

error epsv(std::string_view r, decode_mode m, json_object& o) {
  uint16_t port = 0;
  const error e = ftpreply::decode_epsv(r, m, &port);
  o.field("port", static_cast<unsigned>(port));
  return e;
}

error pathname(std::string_view r, decode_mode m, json_object& o) {
  std::string path(r.size(), '\0');
  size_t n = 0;
  const error e = ftpreply::decode_pathname(r, m, &path[0], path.size(), &n);
  if (e == error::ok) path.resize(n);
  o.bytes("path", path);
  return e;
}

error mark(std::string_view r, decode_mode m, json_object& o) {
  ftpreply::restart_marker mk;
  const error e = ftpreply::decode_mark(r, m, &mk);
  o.bytes("user", mk.user).bytes("server", mk.server);
  return e;
}

error size(std::string_view r, decode_mode m, json_object& o) {
  uint64_t n = 0;
  const error e = ftpreply::decode_size(r, m, &n);
  o.field("size", n);
  return e;
}

error mdtm(std::string_view r, decode_mode m, json_object& o) {
  ftpreply::timestamp t;
  const error e = ftpreply::decode_mdtm(r, m, &t);
  std::string iso = std::to_string(t.year) + "-" + two(t.month) + "-" + two(t.day) + "T" +
                    two(t.hour) + ":" + two(t.minute) + ":" + two(t.second);
  if (!t.fraction.empty()) iso += "." + std::string(t.fraction);
  o.text("time", iso);
  return e;
}

error system(std::string_view r, decode_mode m, json_object& o) {
  ftpreply::system_type st;
  const error e = ftpreply::decode_system(r, m, &st);
  o.bytes("system", st.name).bytes("rest", st.rest);
  return e;
}

error features(std::string_view r, decode_mode m, json_object& o) {
  size_t count = 0;
  error e = ftpreply::decode_features(r, m, nullptr, 0, &count);
  std::vector<ftpreply::feature> f(count);
  if (e == error::buffer_too_small || e == error::ok)
    e = ftpreply::decode_features(r, m, f.data(), f.size(), &count);
  std::string list = "[";
  for (size_t k = 0; e == error::ok && k < count; ++k) {
    json_object fo;
    fo.bytes("name", f[k].name).bytes("params", f[k].params);
    list += (k ? "," : "") + fo.finish();
  }
  o.raw("features", list + "]");
  return e;
}

struct decoder {
  const char* name;
  uint16_t code;  // the code it reads by default; 0: only with --as
  const char* payload;  // for the help
  error (*decode)(std::string_view, decode_mode, json_object&);
};

const decoder kDecoders[] = {
    {"pasv", 227, "{\"host\":\"A.B.C.D\",\"port\":N}", pasv},
    {"lpsv", 228, "{\"family\":4|6,\"host\":H,\"port\":N}", lpsv},
    {"epsv", 229, "{\"port\":N}", epsv},
    {"pathname", 257, "{\"path\":P}", pathname},
    {"mark", 110, "{\"user\":U,\"server\":S}", mark},
    {"size", 213, "{\"size\":N}", size},
    {"mdtm", 0, "{\"time\":\"YYYY-MM-DDTHH:MM:SS[.F]\"} (213 after MDTM)", mdtm},
    {"system", 215, "{\"system\":NAME,\"rest\":TEXT}", system},
    {"features", 211, "{\"features\":[{\"name\":N,\"params\":P},...]}", features},
};

const decoder* find_decoder(const std::string& name) {
  for (const decoder& d : kDecoders)
    if (name == d.name) return &d;
  return nullptr;
}

std::string decoder_names() {
  std::string s;
  for (const decoder& d : kDecoders) s += (s.empty() ? "" : ", ") + std::string(d.name);
  return s;
}

std::string help_text() {
  std::string h =
      "Usage: ftpreply decode [--strict|--lenient] [--as DECODER] [OPTIONS] [FILE|-]\n"
      "\n"
      "Scans like 'ftpreply scan' and adds to each reply with a payload decoder\n"
      "\"payload\":{...}, or \"payload_error\":\"malformed\"|\"out_of_range\":\n";
  for (const decoder& d : kDecoders) {
    std::string line = "  " + (d.code ? std::to_string(d.code) : std::string("   ")) + " " + d.name;
    line.resize(16, ' ');
    h += line + d.payload + "\n";
  }
  h += "--as DECODER applies that decoder to every reply, whatever its code (213\n"
       "is read as SIZE unless --as mdtm). --strict decodes the RFC forms\n"
       "literally; --lenient (the default) also what real servers write. The\n"
       "scan options of 'ftpreply scan --help' apply too.\n"
       "\n"
       "Exit status: 0 when the input held no error (framing or payload), 1 when\n"
       "it did, 2 for usage or I/O errors.\n";
  return h;
}

}  // namespace

std::string host_of(const ftpreply::endpoint& ep) {
  std::string h;
  if (ep.family == ftpreply::address_family::ipv4) {
    for (int k = 0; k < 4; ++k) h += (k ? "." : "") + std::to_string(ep.address[k]);
    return h;
  }
  static const char hex[] = "0123456789abcdef";
  for (int k = 0; k < 16; k += 2) {
    if (k) h += ':';
    const unsigned g = ep.address[k] << 8 | ep.address[k + 1];
    bool started = false;
    for (int s = 12; s >= 0; s -= 4) {
      const unsigned d = g >> s & 15;
      if (d || started || s == 0) {
        h += hex[d];
        started = true;
      }
    }
  }
  return h;
}

const char* decoder_for(uint16_t code) {
  for (const decoder& d : kDecoders)
    if (d.code == code) return d.name;
  return nullptr;
}

error decode_payload(const std::string& name, std::string_view reply, decode_mode mode,
                     std::string* payload) {
  const decoder* d = find_decoder(name);
  if (d == nullptr) return error::invalid_argument;
  json_object o;
  const error e = d->decode(reply, mode, o);
  if (e == error::ok) *payload = o.finish();
  return e;
}

int cmd_decode(const std::vector<std::string>& args) {
  scan_settings settings;
  std::string as;
  std::vector<option_def> options = scan_options(&settings);
  const std::string as_need = "--as needs one of " + decoder_names();
  options.push_back({"--as", true, as_need, [&](const std::string& v) {
                       as = v;
                       return find_decoder(v) ? std::string() : as_need;
                     }});
  const std::string help = help_text();
  std::vector<std::string> operands;
  const int rc0 = parse_args("decode", help.c_str(), args, options, operand_rule(), &operands);
  if (rc0 >= 0) return rc0;
  const std::string path = operands.empty() ? "-" : operands[0];
  input in(path);
  if (!in.is_open()) {
    std::fprintf(stderr, "ftpreply decode: %s\n", in.error().c_str());
    return exit_usage;
  }
  line_writer out;
  uint64_t errors = 0;
  const ftpreply::decode_mode mode =
      settings.opt.strict ? ftpreply::decode_mode::strict : ftpreply::decode_mode::lenient;
  const int rc = stream_events("decode", in, settings, [&](const ftpreply::event& e) {
    ftpreply_tools::json_object o;
    add_event_fields(o, e);
    if (!e.is_reply()) {
      ++errors;
    } else {
      const char* d = as.empty() ? decoder_for(e.code()) : as.c_str();
      if (d != nullptr) {
        std::string payload;
        const ftpreply::error pe = decode_payload(d, e.bytes(), mode, &payload);
        if (pe == ftpreply::error::ok) {
          o.raw("payload", payload);
        } else {
          o.text("payload_error", ftpreply::to_string(pe));
          ++errors;
        }
      }
    }
    out.line(o.finish());
  });
  if (rc != exit_ok) return rc;
  if (!out.flush()) {
    std::fprintf(stderr, "ftpreply decode: cannot write the output\n");
    return exit_usage;
  }
  return errors ? exit_errors : exit_ok;
}

}  // namespace ftpreply_cli
