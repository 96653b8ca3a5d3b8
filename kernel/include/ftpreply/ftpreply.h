// SPDX-License-Identifier: Apache-2.0
// ftpreply/ftpreply.h - everything ftpreply offers, in one include.
//
// ftpreply turns the bytes an FTP server writes on its control connection
// into replies: split (scanner.h), classified (classify.h), decoded and
// encoded (codec.h), plus the z/OS FTP client API lines (zos.h).
//
//   #include <ftpreply/ftpreply.h>
//   ftpreply::scanner s;
//   ftpreply::scan_all(s, data, size, [](const ftpreply::event& e) {
//     if (e.is_reply()) printf("%u %.*s\n", e.code(), (int)e.text().size(), e.text().data());
//   });
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
