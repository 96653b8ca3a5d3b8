// SPDX-License-Identifier: Apache-2.0
// ftpreply/codec.h - the codec in one include: decoders (decode.h), the
// encoder and formatters (encode.h), RFC 2228 and base64 (protected.h).
#ifndef FTPREPLY_CODEC_H
#define FTPREPLY_CODEC_H

#include "ftpreply/decode.h"
#include "ftpreply/encode.h"
#include "ftpreply/protected.h"

#endif  // FTPREPLY_CODEC_H
