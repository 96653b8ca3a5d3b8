// SPDX-License-Identifier: Apache-2.0
// ftpreply decode: replies with what they carry.
#include <string>

#include "cli.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply decode [--strict|--lenient] [--as DECODER] [OPTIONS] [FILE|-]\n"
    "\n"
    "Scans like 'ftpreply scan' and adds to each reply with a payload decoder\n"
    "\"payload\":{...}, or \"payload_error\":\"malformed\"|\"out_of_range\":\n"
    "  227 pasv      {\"host\":\"A.B.C.D\",\"port\":N}\n"
    "  228 lpsv      {\"family\":4|6,\"host\":H,\"port\":N}\n"
    "  229 epsv      {\"port\":N}\n"
    "  257 pathname  {\"path\":P}\n"
    "  110 mark      {\"user\":U,\"server\":S}\n"
    "  213 size      {\"size\":N}   (mdtm: {\"time\":\"YYYY-MM-DDTHH:MM:SS[.F]\"})\n"
    "  215 system    {\"system\":NAME,\"rest\":TEXT}\n"
    "  211 features  {\"features\":[{\"name\":N,\"params\":P},...]}\n"
    "--as DECODER applies that decoder to every reply, whatever its code (213\n"
    "is read as SIZE unless --as mdtm). --strict decodes the RFC forms\n"
    "literally; --lenient (the default) also what real servers write. The\n"
    "scan options of 'ftpreply scan --help' apply too.\n"
    "\n"
    "Exit status: 0 when the input held no error (framing or payload), 1 when\n"
    "it did, 2 for usage or I/O errors.\n";

const char* const kDecoders[] = {"pasv", "lpsv", "epsv", "pathname", "mark",
                                 "size", "mdtm", "system", "features"};

}  // namespace

const char* decoder_for(uint16_t code) {
  switch (code) {
    case 227: return "pasv";
    case 228: return "lpsv";
    case 229: return "epsv";
    case 257: return "pathname";
    case 110: return "mark";
    case 213: return "size";
    case 215: return "system";
    case 211: return "features";
    default: return nullptr;
  }
}

namespace {

std::string two(unsigned v) {
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

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

}  // namespace

ftpreply::error decode_payload(const std::string& decoder, std::string_view reply, ftpreply::decode_mode mode,
                               std::string* payload) {
  using ftpreply::error;
  ftpreply_tools::json_object o;
  error e = error::invalid_argument;
  if (decoder == "pasv" || decoder == "lpsv") {
    ftpreply::endpoint ep;
    e = decoder == "pasv" ? ftpreply::decode_pasv(reply, mode, &ep)
                          : ftpreply::decode_lpsv(reply, mode, &ep);
    if (decoder == "lpsv") o.field("family", static_cast<unsigned>(ep.family));
    o.text("host", host_of(ep)).field("port", static_cast<unsigned>(ep.port));
  } else if (decoder == "epsv") {
    uint16_t port = 0;
    e = ftpreply::decode_epsv(reply, mode, &port);
    o.field("port", static_cast<unsigned>(port));
  } else if (decoder == "pathname") {
    std::string path(reply.size(), '\0');
    size_t n = 0;
    e = ftpreply::decode_pathname(reply, mode, &path[0], path.size(), &n);
    if (e == error::ok) path.resize(n);
    o.bytes("path", path);
  } else if (decoder == "mark") {
    ftpreply::restart_marker m;
    e = ftpreply::decode_mark(reply, mode, &m);
    o.bytes("user", m.user).bytes("server", m.server);
  } else if (decoder == "size") {
    uint64_t n = 0;
    e = ftpreply::decode_size(reply, mode, &n);
    o.field("size", n);
  } else if (decoder == "mdtm") {
    ftpreply::timestamp t;
    e = ftpreply::decode_mdtm(reply, mode, &t);
    std::string iso = std::to_string(t.year) + "-" + two(t.month) + "-" + two(t.day) + "T" +
                      two(t.hour) + ":" + two(t.minute) + ":" + two(t.second);
    if (!t.fraction.empty()) iso += "." + std::string(t.fraction);
    o.text("time", iso);
  } else if (decoder == "system") {
    ftpreply::system_type s;
    e = ftpreply::decode_system(reply, mode, &s);
    o.bytes("system", s.name).bytes("rest", s.rest);
  } else if (decoder == "features") {
    size_t count = 0;
    e = ftpreply::decode_features(reply, mode, nullptr, 0, &count);
    std::vector<ftpreply::feature> f(count);
    if (e == error::buffer_too_small || e == error::ok)
      e = ftpreply::decode_features(reply, mode, f.data(), f.size(), &count);
    std::string list = "[";
    for (size_t k = 0; e == error::ok && k < count; ++k) {
      ftpreply_tools::json_object fo;
      fo.bytes("name", f[k].name).bytes("params", f[k].params);
      list += (k ? "," : "") + fo.finish();
    }
    o.raw("features", list + "]");
  }
  if (e == error::ok) *payload = o.finish();
  return e;
}

int cmd_decode(const std::vector<std::string>& args) {
  scan_settings settings;
  std::string as;
  std::string path = "-";
  bool have_path = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (is_help(a)) {
      std::fputs(kHelp, stdout);
      return exit_ok;
    }
    const int r = parse_scan_option("decode", args, i, &settings);
    if (r < 0) return exit_usage;
    if (r > 0) continue;
    std::string v;
    bool missing = false;
    if (option_value(args, i, "--as", &v, &missing)) {
      bool known = false;
      for (const char* d : kDecoders) known = known || v == d;
      if (missing || !known)
        return usage_error("decode", "--as needs one of pasv, lpsv, epsv, pathname, mark, "
                                     "size, mdtm, system, features");
      as = v;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("decode", "unknown option '" + a + "'");
    } else if (have_path) {
      return usage_error("decode", "one input at most");
    } else {
      path = a;
      have_path = true;
    }
  }
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
