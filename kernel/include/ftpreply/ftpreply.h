// SPDX-License-Identifier: Apache-2.0
// ftpreply/ftpreply.h - everything ftpreply offers, in one include.
//
// ftpreply turns the bytes an FTP server writes on its control connection
// into replies: split (scanner.h, and reader.h for a client's socket),
// classified (classify.h), decoded (decode.h, lines.h) and encoded
// (encode.h, reply_string.h), with RFC 2228 (protected.h) and the z/OS FTP
// client API lines (zos.h). posix.h (sockaddr conversions) is separate.
//
//   #include <ftpreply/ftpreply.h>
//   ftpreply::reply_reader reader;
//   (void)reader.feed(data, size);
//   ftpreply::event r;
//   while (reader.next(r))
//     if (r.is_reply()) printf("%u, %u lines\n", r.code(), r.line_count());
#ifndef FTPREPLY_FTPREPLY_H
#define FTPREPLY_FTPREPLY_H

#include "ftpreply/classify.h"
#include "ftpreply/codec.h"
#include "ftpreply/error.h"
#include "ftpreply/kernel.h"
#include "ftpreply/lines.h"
#include "ftpreply/reader.h"
#include "ftpreply/reply_string.h"
#include "ftpreply/scanner.h"
#include "ftpreply/version.h"
#include "ftpreply/zos.h"

#endif  // FTPREPLY_FTPREPLY_H
