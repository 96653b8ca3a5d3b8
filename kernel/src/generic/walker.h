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

  // --- the accelerator -----------------------------------------------------

  // From p, a line start inside the block, passes over every line that is
  // plain text (it does not start with a digit), breaks no limit and, in
  // strict mode, ends with CRLF; counts them and collects their flags.
  // Returns the first line start it did not pass.
  size_t skip_text(size_t p) noexcept {
    size_t ls = p;  // start of the line being crossed
    size_t w = p & ~size_t{63};
    unsigned off = static_cast<unsigned>(p & 63);
    uint64_t start_bit = uint64_t{1} << off;  // p itself starts a line
    while (w < len_) {
      if (w != win_) load(w);
      const uint64_t valid = ~low_bits(off);
      // Line starts: after every LF of the window, and the carried one.
      const uint64_t cand = ((m_.lf << 1) | start_bit) & valid & m_.digit;
      const unsigned limit = cand ? trailing_zeros(cand) : 64;
      const uint64_t before = valid & low_bits(limit);
      const uint64_t lf = m_.lf & before;
      if (lf) {
        const unsigned last = 63 - leading_zeros(lf);
        const size_t end = w + last + 1;
        // Lines wholly inside the window are under 64 bytes; only the first
        // may have started earlier.
        if (w + trailing_zeros(lf) + 1 - ls > opt_.max_line) return ls;
        if (end - bs_ > opt_.max_reply) return ls;
        const unsigned k = popcount(lf);
        if (uint64_t{st_.lines} + k > opt_.max_lines) return ls;
        // An LF is bare unless a CR precedes it. Bit 0's predecessor is the
        // last byte of the previous window, when that is in the line.
        const uint64_t cr_in = (w > ls && b_[w - 1] == '\r') ? 1 : 0;
        if (lf & ~((m_.cr << 1) | cr_in)) {
          if (opt_.strict) return ls;
          st_.flags |= flags::bare_lf;
        }
        st_.lines += k;
        ls = end;
      }
      // Bytes before the first candidate belong to crossed lines or to the
      // plain-text line still open at ls: the reply's either way.
      const uint64_t sp = m_.special & before;
      if (sp) {
        const unsigned first = trailing_zeros(sp);
        const unsigned last = 63 - leading_zeros(sp);
        st_.flags |= special_flags(b_ + w + first, last + 1 - first);
      }
      if (cand) return w + limit;
      start_bit = m_.lf >> 63;
      w += 64;
      off = 0;
    }
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
  const bool fast_ = opt_.max_line >= 64;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}
