// SPDX-License-Identifier: Apache-2.0
// Zeek's ftp.log from ftp_records (session.h), written from Zeek's
// documented formats: the ASCII writer's tab-separated form, with its
// header (#separator, #set_separator, #empty_field, #unset_field, #path,
// #open, #fields, #types) and #close line, and its JSON form (one object a
// row, unset fields left out, ts in seconds).
//
// TSV fields: "-" unset, "(empty)" an empty string; a tab, a backslash, a
// byte below 0x20 or from 0x7F, and a whole field that reads "-" or
// "(empty)" are written as \xHH. JSON strings: the same bytes from 0x7F as
// the text \xHH (as Zeek writes bytes that are not UTF-8), the others as
// JSON escapes.
#ifndef FTPREPLY_TOOLS_CAPTURE_ZEEK_LOG_H
#define FTPREPLY_TOOLS_CAPTURE_ZEEK_LOG_H

#include <string>
#include <string_view>

#include "session.h"

namespace ftpreply_capture {

// The header lines, for a log opened at `open_ts` (seconds; the #open
// line gives it as UTC YYYY-MM-DD-HH-MM-SS).
std::string zeek_tsv_header(double open_ts);
// One row, with its line end.
std::string zeek_tsv_row(const ftp_record& r);
// The #close line.
std::string zeek_tsv_close(double close_ts);
// One JSON object, with its line end.
std::string zeek_json_row(const ftp_record& r);

// A string as a TSV field.
std::string zeek_tsv_field(std::string_view s);

}  // namespace ftpreply_capture

#endif
