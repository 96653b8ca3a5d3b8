// The RFC 959 reply framing, written once, over the bitmasks a kernel makes.
//
// Included once per kernel, inside `namespace ftpreply::detail::<isa>` and
// that kernel's target region, after the kernel has defined
//   block_masks classify_block(const unsigned char* p);        // 64 bytes
//   block_masks classify_tail(const unsigned char* p, size_t n); // n < 64
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and walks lines
// with bit scans. The rules live in three places: start_line() (a line where
// a reply should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). skip_text() only accelerates: it
// passes over continuation lines that cannot end or break the reply, and
// hands anything else to block_line().

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap) {}

  scan_result run() noexcept {
    size_t pos = 0;
    if (st_.mode == mode_block) pos = static_cast<size_t>(st_.checked);
    for (;;) {
      if (st_.mode == mode_expect) {
        if (fast_ && !st_.pending_blank) pos = single_lines(pos);
        if (pos == len_) return stop(pos, false);
        if (n_ == cap_) return stop(pos, true);
        bool special = false;
        size_t e = find_lf(pos, &special);
        if (e == len_) {  // a line without its end, so far
          if (len_ - pos > opt_.max_line) {  // over even without its end
            enter_skip(pos, pos, 0);
            pos = len_;
          } else if (at_end_) {
            emit_error(error::truncated, pos, pos, len_);
            pos = len_;
          } else {
            return stop(pos, false);
          }
          continue;
        }
        if (e + 1 - pos > opt_.max_line) {
          emit_error(error::line_too_long, pos, pos, e + 1);
          pos = e + 1;
          continue;
        }
        pos = start_line(pos, e, special);
      } else if (st_.mode == mode_block) {
        if (fast_) pos = skip_text(pos);
        if (n_ == cap_) return stop_block(pos, true);
        bool special = false;
        size_t e = find_lf(pos, &special);
        if (e == len_) {
          size_t partial = len_ - pos;
          if (partial > opt_.max_line ||
              (pos - bs_) + partial > opt_.max_reply) {
            enter_skip(bs_, pos, pos - bs_);
            pos = len_;
          } else if (at_end_) {
            // The block is abandoned; what follows is read as new replies
            // (a partial line there is then `truncated`).
            emit_error(error::unterminated, bs_, bs_, pos);
            st_.mode = mode_expect;
          } else {
            return stop_block(pos, false);
          }
          continue;
        }
        pos = block_line(pos, e, special);
      } else {  // mode_skip: consume to the end of the offending line
        if (n_ == cap_) return stop(pos, true);
        bool special = false;
        size_t e = find_lf(pos, &special);
        if (e == len_ && !at_end_) return stop(len_, false);
        size_t end = e == len_ ? len_ : e + 1;
        emit_skipped(end);
        pos = end;
      }
    }
  }

 private:
  // --- windows -------------------------------------------------------------

  void load(size_t w) noexcept {
    size_t n = len_ - w;
    m_ = n >= 64 ? classify_block(b_ + w) : classify_tail(b_ + w, n);
    win_ = w;
    st_.examined += n >= 64 ? 64 : n;
  }

  // The first LF at or after p, or len_ when there is none. Sets *special
  // when a byte in [p, LF] is NUL or >= 0x80.
  FTPREPLY_ALWAYS_INLINE size_t find_lf(size_t p, bool* special) noexcept {
    size_t w = p & ~size_t{63};
    unsigned off = static_cast<unsigned>(p & 63);
    for (;;) {
      if (w >= len_) return len_;
      if (w != win_) load(w);
      uint64_t lf = m_.lf >> off;
      uint64_t sp = m_.special >> off;
      if (lf) {
        unsigned k = trailing_zeros(lf);
        *special |= (sp & low_bits(k + 1)) != 0;
        return w + off + k;
      }
      *special |= sp != 0;
      w += 64;
      off = 0;
    }
  }

  // --- the rules -----------------------------------------------------------

  static bool is_digit(unsigned char c) noexcept {
    return static_cast<unsigned char>(c - '0') < 10;
  }
  uint16_t code_at(size_t p) const noexcept {
    return static_cast<uint16_t>((b_[p] - '0') * 100 + (b_[p + 1] - '0') * 10 +
                                 (b_[p + 2] - '0'));
  }

  // A complete line [p, e] (e is its LF) where a reply should start, within
  // the line limit. Returns where the next line starts.
  size_t start_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    const bool crlf = e > p && b_[e - 1] == '\r';
    const size_t n = (crlf ? e - 1 : e) - p;  // bytes before the line end
    uint16_t f = 0;
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, p, next);
      f |= flags::bare_lf;
    }
    if (n == 0) {
      if (opt_.strict) return emit_error(error::empty_line, p, p, next);
      st_.pending_blank = true;  // skipped; flags the next reply
      return next;
    }
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return emit_error(error::bad_code, p, p, next);
    const bool bare = n == 3;
    if (bare) {
      if (opt_.strict) return emit_error(error::bare_code, p, p, next);
      f |= flags::bare_code;
    } else if (b_[p + 3] != ' ' && b_[p + 3] != '-') {
      return emit_error(error::bad_separator, p, p, next);
    }
    if (opt_.strict && (b_[p] < '1' || b_[p] > '6'))
      return emit_error(error::bad_class, p, p, next);
    if (special) f |= special_flags(b_ + p, next - p);
    const uint16_t code = code_at(p);
    const uint32_t text_len = bare ? 0 : static_cast<uint32_t>(n - 4);
    if (bare || b_[p + 3] == ' ') {
      emit_reply(p, next, code, 1, f, bare ? 3 : 4, text_len);
      return next;
    }
    st_.mode = mode_block;
    st_.code = code;
    st_.lines = 1;
    st_.flags = f;
    st_.text_length = text_len;
    bs_ = p;
    return next;
  }

  // A complete line [p, e] inside the block that starts at bs_.
  size_t block_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    if (next - p > opt_.max_line || next - bs_ > opt_.max_reply ||
        st_.lines >= opt_.max_lines) {
      st_.line_start = st_.base + p;
      st_.block_bytes = p - bs_;
      st_.err_start = st_.base + bs_;
      return emit_error(limit_error(next - p), p, bs_, next);
    }
    // A block line has a predecessor, so b_[e - 1] exists; for an empty
    // line it is the previous LF.
    const bool crlf = e > p && b_[e - 1] == '\r';
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, bs_, next);
      st_.flags |= flags::bare_lf;
    }
    if (special) st_.flags |= special_flags(b_ + p, next - p);
    ++st_.lines;
    const size_t n = (crlf ? e - 1 : e) - p;
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return next;
    const uint16_t code = code_at(p);
    uint16_t extra = 0;
    if (n >= 4 && b_[p + 3] == ' ') {
      if (code != st_.code) {
        if (!opt_.any_code_terminates) return next;
        extra = flags::mismatched_terminator;
      }
    } else if (n == 3 && !opt_.strict && code == st_.code) {
      extra = flags::bare_code;
    } else {
      return next;
    }
    emit_reply(bs_, next, code, st_.lines, st_.flags | extra, 4,
               st_.text_length);
    return next;
  }

  // Which limit the offending line broke; st_ holds the line's start and the
  // block bytes before it. Line first, then reply bytes, then lines, so the
  // answer does not depend on when the line's end arrived.
  error limit_error(uint64_t line_len) const noexcept {
    if (line_len > opt_.max_line) return error::line_too_long;
    if (st_.block_bytes + line_len > opt_.max_reply)
      return error::reply_too_long;
    return error::too_many_lines;
  }

  // A line that will break a limit whatever follows: consume it as it
  // arrives, report it at its end.
  void enter_skip(size_t span_start, size_t line, size_t block_bytes) noexcept {
    st_.mode = mode_skip;
    st_.err_start = st_.base + span_start;
    st_.line_start = st_.base + line;
    st_.block_bytes = block_bytes;
  }

  void emit_skipped(size_t end) noexcept {
    uint64_t abs_end = st_.base + end;
    error e = limit_error(abs_end - st_.line_start);
    event& ev = out_[n_++];
    ev = event();
    ev.err = e;
    ev.offset = st_.line_start;
    ev.start = st_.err_start;
    ev.length = abs_end - st_.err_start;
    st_.mode = mode_expect;
  }

  // --- the accelerators ----------------------------------------------------

  // From p, a line start where a reply should start, emits the plain
  // single-line replies "ddd text\r\n" (no NUL or high byte) exactly as
  // start_line() would, window by window with every LF of a window visited
  // in turn and all state in locals. Returns the first line start it did
  // not take, for the general path.
  size_t single_lines(size_t p) noexcept {
    const unsigned char* const b = b_;
    const size_t len = len_, cap = cap_;
    const uint64_t base = st_.base, max_line = opt_.max_line;
    const bool strict = opt_.strict;
    event* const out = out_;
    size_t n = n_;
    uint64_t examined = 0;
    bool special_before = false;  // a NUL or high byte in [p, w)
    for (size_t w = p & ~size_t{63}; n < cap && w < len; w += 64) {
      const size_t avail = len - w;
      const block_masks m =
          avail >= 64 ? classify_block(b + w) : classify_tail(b + w, avail);
      examined += avail >= 64 ? 64 : avail;
      const uint64_t from = p > w ? ~low_bits(static_cast<unsigned>(p - w)) : ~uint64_t{0};
      uint64_t lf = m.lf & from;
      const uint64_t sp = m.special & from;
      while (lf) {
        const size_t e = w + trailing_zeros(lf);
        lf &= lf - 1;
        // "ddd " then text then CR LF: the bytes as a little-endian word,
        // digits checked all at once (a byte fails when c - '0' has its top
        // bit set, or c - '0' + 0x76 does, i.e. c - '0' > 9; the lowest
        // failing byte is computed exactly, whatever it carries upward).
        if (e < p + 5 || e + 1 - p > max_line || special_before ||
            (sp & low_bits(static_cast<unsigned>(e - w + 1))) || b[e - 1] != '\r')
          goto done;
        {
          const uint32_t v = uint32_t{b[p]} | uint32_t{b[p + 1]} << 8 |
                             uint32_t{b[p + 2]} << 16 | uint32_t{b[p + 3]} << 24;
          const uint32_t d = v - 0x00303030u;
          if (((d | (d + 0x00767676u)) & 0x00808080u) != 0 || (v >> 24) != ' ')
            goto done;
          if (strict && (b[p] < '1' || b[p] > '6')) goto done;
          event& ev = out[n++];
          ev.err = error::ok;
          ev.code = static_cast<uint16_t>((d & 0xFF) * 100 + (d >> 8 & 0xFF) * 10 +
                                          (d >> 16 & 0xFF));
          ev.flags = 0;
          ev.lines = 1;
          ev.offset = base + p;
          ev.start = base + p;
          ev.length = e + 1 - p;
          ev.data = reinterpret_cast<const char*>(b + p);
          ev.text_begin = 4;
          ev.text_length = static_cast<uint32_t>(e - p - 5);
          p = e + 1;
          special_before = false;
          if (n == cap) goto done;
        }
      }
      // Flags of the line still open at p: sp only has bits at or after
      // where this window's scan began, and taken lines had none.
      const uint64_t open =
          p <= w ? sp : (p - w >= 64 ? 0 : sp & ~low_bits(static_cast<unsigned>(p - w)));
      special_before = special_before || open != 0;
    }
  done:
    n_ = n;
    st_.examined += examined;
    return p;
  }

  // True when the line at p, which starts with a digit, could end the block
  // with code `code` (its code, or any code under any_code_terminates, then
  // a space or the line end). Lines it rules out are plain text.
  bool may_terminate(size_t p, uint16_t code) const noexcept {
    if (p + 4 > len_) return true;
    const unsigned char sep = b_[p + 3];
    if (sep != ' ' && sep != '\r' && sep != '\n') return false;
    if (opt_.any_code_terminates)
      return is_digit(b_[p + 1]) && is_digit(b_[p + 2]);
    return code_at(p) == code;
  }

  // From p, a line start inside the block, passes over every line that is
  // plain text (it cannot end the block), breaks no limit and, in strict
  // mode, ends with CRLF; counts them and collects their flags. Returns the
  // first line start it did not pass. State lives in locals until the end.
  size_t skip_text(size_t p) noexcept {
    const unsigned char* const b = b_;
    const size_t len = len_;
    const uint64_t max_line = opt_.max_line, max_lines = opt_.max_lines;
    const uint64_t reply_end =  // the block may not reach past this offset
        opt_.max_reply > ~uint64_t{0} - bs_ ? ~uint64_t{0} : bs_ + opt_.max_reply;
    const bool strict = opt_.strict;
    const uint16_t code = st_.code;
    uint64_t lines = st_.lines;
    uint16_t f = st_.flags;
    uint64_t examined = 0;
    size_t ls = p;  // start of the line being crossed
    size_t w = p & ~size_t{63};
    const unsigned off = static_cast<unsigned>(p & 63);
    uint64_t start_bit = uint64_t{1} << off;  // p itself starts a line
    uint64_t valid = ~low_bits(off);
    // Whether the byte before the window is a CR (bit 0's predecessor).
    uint64_t cr_in = w > 0 && b[w - 1] == '\r';
    while (w < len) {
      const size_t avail = len - w;
      const block_masks m =
          avail >= 64 ? classify_block(b + w) : classify_tail(b + w, avail);
      examined += avail >= 64 ? 64 : avail;
      // Line starts: after every LF of the window, and the carried one.
      uint64_t cand = ((m.lf << 1) | start_bit) & valid & m.digit;
      while (cand && !may_terminate(w + trailing_zeros(cand), code)) cand &= cand - 1;
      const unsigned limit = cand ? trailing_zeros(cand) : 64;
      const uint64_t before = valid & low_bits(limit);
      const uint64_t lf = m.lf & before;
      if (lf) {
        const size_t end = w + 64 - leading_zeros(lf);
        // Lines wholly inside the window are under 64 bytes; only the first
        // may have started earlier.
        if (w + trailing_zeros(lf) + 1 - ls > max_line || end > reply_end ||
            lines + popcount(lf) > max_lines)
          break;
        // An LF is bare unless a CR precedes it. For an LF at bit 0 whose
        // line starts there, the predecessor is the previous LF: not a CR.
        if (lf & ~((m.cr << 1) | cr_in)) {
          if (strict) break;
          f |= flags::bare_lf;
        }
        lines += popcount(lf);
        ls = end;
      }
      // Bytes before the first candidate belong to crossed lines or to the
      // plain-text line still open at ls: the reply's either way.
      const uint64_t sp = m.special & before;
      if (sp) {
        const unsigned first = trailing_zeros(sp);
        const unsigned last = 63 - leading_zeros(sp);
        f |= special_flags(b + w + first, last + 1 - first);
      }
      if (cand) {
        ls = w + limit;
        break;
      }
      start_bit = m.lf >> 63;
      cr_in = m.cr >> 63;
      valid = ~uint64_t{0};
      w += 64;
    }
    st_.lines = static_cast<uint32_t>(lines);
    st_.flags = f;
    st_.examined += examined;
    return ls;
  }

  // --- output --------------------------------------------------------------

  size_t emit_error(error e, size_t offset, size_t start, size_t end) noexcept {
    event& ev = out_[n_++];
    ev = event();
    ev.err = e;
    ev.offset = st_.base + offset;
    ev.start = st_.base + start;
    ev.length = end - start;
    st_.mode = mode_expect;
    return end;
  }

  void emit_reply(size_t start, size_t end, uint16_t code, uint32_t lines,
                  uint16_t f, uint32_t text_begin, uint32_t text_len) noexcept {
    event& ev = out_[n_++];
    ev.err = error::ok;
    ev.code = code;
    ev.flags = static_cast<uint16_t>(
        f | (st_.pending_blank ? flags::blank_line : 0));
    ev.lines = lines;
    ev.offset = st_.base + start;
    ev.start = ev.offset;
    ev.length = end - start;
    ev.data = reinterpret_cast<const char*>(b_ + start);
    ev.text_begin = text_begin;
    ev.text_length = text_len;
    st_.pending_blank = false;
    st_.mode = mode_expect;
  }

  scan_result stop(size_t consumed, bool full) noexcept {
    st_.base += consumed;
    return scan_result{n_, consumed, full};
  }

  scan_result stop_block(size_t pos, bool full) noexcept {
    st_.checked = pos - bs_;
    return stop(bs_, full);
  }

  scan_state& st_;
  const options& opt_;
  const unsigned char* const b_;
  const size_t len_;
  const bool at_end_;
  event* const out_;
  const size_t cap_;
  size_t n_ = 0;
  size_t bs_ = 0;                 // block start
  size_t win_ = ~size_t{0};       // the window m_ describes
  block_masks m_{};
  // The accelerators assume lines of two windows fit the line limit.
  const bool fast_ = opt_.max_line >= 128;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}
