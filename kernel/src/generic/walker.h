// SPDX-License-Identifier: Apache-2.0
// The RFC 959 reply framing, written once, over the bitmasks a kernel makes.
//
// Included once per kernel, inside `namespace ftpreply::detail::<isa>` and
// that kernel's target region, after the kernel has defined
//   block_masks classify_block(const unsigned char* p);        // 64 bytes
//   block_masks classify_tail(const unsigned char* p, size_t n); // n < 64
//   constexpr bool tail_from_end; // the input's last window may be
//                                 // classified from the 64 bytes that end
//                                 // the input (classify_block()'s masks
//                                 // exact at every byte), shifted down
//   constexpr bool spare_stores;  // plain_lines() may store a spare event
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and walks lines
// with bit scans. The rules live in three places: start_line() (a line where
// a reply should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). The other paths only
// accelerate, and stop at any line they do not recognise, which then goes
// to those three: plain_lines() emits plain single-line replies
// ("ddd text\r\n") after one test of a window's masks, plain_run() also
// multi-line replies in their plainest form (CR LF throughout, no NUL or
// high byte, the terminator "ddd " with the opening code) reading only the
// lines that may end them, and skip_text() and block_run() pass over
// continuation lines that cannot end or break the reply.

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap) {}

  scan_result run() noexcept {
    size_t p = 0;
    if (st_.mode == mode_block) p = static_cast<size_t>(st_.checked);
    // A line open at the end of the last call was examined that far (it
    // starts at 0 and has no LF there): resume at the window holding its
    // end, so a long line arriving in pieces is walked once. (One that held
    // a NUL or high byte is walked again from its start, which finds them.)
    // A block taken in bulk to the end of the last call, likewise: its
    // lines are counted and its flags collected that far, and its open
    // line cannot end it.
    size_t resume = 0;
    if ((st_.mode == mode_expect && !st_.line_special) || st_.mode == mode_block)
      resume = (st_.walked < len_ ? st_.walked : len_) & ~size_t{63};
    st_.walked = 0;
    st_.line_special = false;
    if (st_.mode == mode_skip) {  // consume to the end of the offending line
      if (n_ == cap_) return stop(0, true);
      const size_t e = find_lf(0);
      if (e == len_ && !at_end_) return stop(len_, false);
      p = e == len_ ? len_ : e + 1;
      emit_skipped(p);
    }
    return walk(p, resume);
  }

 private:
  // --- windows -------------------------------------------------------------

  // The input's last, partial window, from w, out of line: inlined, it
  // would crowd the registers of the loops that call it. With
  // tail_from_end, the 64 bytes that end the input are classified, when
  // there are 64, and the masks shifted down to the window: no copy to
  // make, nor to wait for when a wide load reads it back (a chunked scan
  // meets such a window at the end of every call).
  static FTPREPLY_NOINLINE block_masks tail_masks(const unsigned char* b, size_t len,
                                                  size_t w) noexcept {
    const size_t n = len - w;
    if (tail_from_end && len >= 64)
      return masks_shifted_down(classify_block(b + len - 64), static_cast<unsigned>(64 - n));
    return classify_tail(b + w, n);
  }

  // The masks of window w, the input's last, partial one included.
  static block_masks window_masks(const unsigned char* b, size_t len, size_t w) noexcept {
    return len - w >= 64 ? classify_block(b + w) : tail_masks(b, len, w);
  }

  // The first LF at or after p, or len_ when there is none.
  size_t find_lf(size_t p) noexcept {
    for (size_t w = p & ~size_t{63}; w < len_; w += 64) {
      const size_t n = len_ - w;
      st_.examined += n >= 64 ? 64 : n;
      const block_masks m = window_masks(b_, len_, w);
      if (const uint64_t lf = m.lf & bits_from(p, w)) return w + trailing_zeros(lf);
    }
    return len_;
  }

  // --- the rules -----------------------------------------------------------

  static bool is_digit(unsigned char c) noexcept {
    return static_cast<unsigned char>(c - '0') < 10;
  }
  uint16_t code_at(size_t p) const noexcept {
    return static_cast<uint16_t>((b_[p] - '0') * 100 + (b_[p + 1] - '0') * 10 +
                                 (b_[p + 2] - '0'));
  }
  // The three bytes at p as an event stores a code: the first lowest.
  uint32_t digits_at(size_t p) const noexcept {
    return uint32_t{b_[p]} | uint32_t{b_[p + 1]} << 8 | uint32_t{b_[p + 2]} << 16;
  }

  // A complete line [p, e] (e is its LF) where a reply should start, within
  // the line limit. Returns where the next line starts.
  FTPREPLY_NOINLINE size_t start_line(size_t p, size_t e, bool special) noexcept {
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
    if (bare || b_[p + 3] == ' ') {
      emit_reply(p, next, digits_at(p), f);
      return next;
    }
    st_.mode = mode_block;
    st_.code = code;
    st_.lines = 1;
    st_.flags = f;
    bs_ = p;
    return next;
  }

  // A complete line [p, e] inside the block that starts at bs_.
  FTPREPLY_NOINLINE size_t block_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    if (next - p > opt_.max_line || next - bs_ > opt_.max_reply ||
        st_.lines >= opt_.max_lines)
      return emit_error(limit_error(next - p, p - bs_), p, bs_, next);
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
    emit_reply(bs_, next, digits_at(p), static_cast<uint16_t>(st_.flags | extra));
    return next;
  }

  error limit_error(uint64_t line_len, uint64_t block_bytes) const noexcept {
    return detail::limit_error(opt_, line_len, block_bytes);
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
    error e = limit_error(abs_end - st_.line_start, st_.block_bytes);
    event_access::failure(out_[n_++], e, st_.line_start, st_.err_start,
                          abs_end - st_.err_start);
    st_.mode = mode_expect;
  }

  // --- the walk ------------------------------------------------------------

  // The window's bits at or after p (all of them when p is before it).
  static uint64_t bits_from(size_t p, size_t w) noexcept {
    return p > w ? ~low_bits(static_cast<unsigned>(p - w)) : ~uint64_t{0};
  }

  // Expecting a reply at p, with no NUL or high byte in the line before
  // window w (max_line >= 64, no blank lines pending): emits the plain
  // single-line replies "ddd text\r\n" whose LFs are among `lfs` (the
  // window's LFs from p on), as start_line() would, and returns where they
  // stop: the first line that is not one, or that the output cannot hold.
  // A window costs one test of its masks, not one per line: a line is
  // plain when it starts with a head, its LF follows a CR and it holds no
  // NUL or high byte. `Spare`: store two events whatever the count (in
  // plain_run(), whose windows are plain to their end as a rule; the
  // walk's windows stop early too often for the spare store to pay).
  // What plain_lines() reads besides the masks, copied into a local where
  // it is used: the event stores could otherwise alias the members, and
  // each window would load them again.
  struct plain_env {
    const unsigned char* b;
    event* out;
    uint64_t base;
    size_t cap;
    uint64_t max_line;
    bool strict;
  };
  plain_env env() const noexcept {
    return plain_env{b_, out_, st_.base, cap_, opt_.max_line, opt_.strict};
  }

  template <bool Spare>
  static FTPREPLY_ALWAYS_INLINE size_t plain_lines(const plain_env& v, const block_masks& m,
                                                   uint64_t crlf, size_t w, uint64_t lfs,
                                                   uint64_t sps, size_t p, size_t* pn) noexcept {
    const unsigned char* const b = v.b;
    // The first line, from its bytes: it may have crossed in.
    const size_t e0 = w + trailing_zeros(lfs);
    if (e0 < p + 5) return p;
    const uint32_t head = load_le<uint32_t>(b + p);
    if ((e0 + 1 - p > v.max_line) | !three_digits(head) | (head >> 24 != ' ')) return p;
    // Where plain lines stop: at a bare LF, at a NUL or high byte, or after
    // an LF whose next line is no head (the line after the window's last LF
    // is tested as the next window's first).
    const uint64_t top = highest_bit(lfs);
    const uint64_t stops = (lfs & ~crlf) | sps | (((lfs ^ top) & ~(single_heads(m) >> 1)) << 1);
    uint64_t good = lfs & low_bits(trailing_zeros_or_64(stops));
    size_t n = *pn;
    // Plain lines take 6 bytes or more ("ddd " and CR LF), so a window ends
    // at most 11: only a nearly full output needs them counted.
    if (v.cap - n < 11 && popcount(good) > v.cap - n) {  // keep what the output holds
      uint64_t fits = 0;
      for (size_t k = v.cap - n; k; --k, good &= good - 1) fits |= good & (0 - good);
      good = fits;
    }
    if (Spare && good && !v.strict && v.cap - n >= 2) {
      // Two slots are always written, so the common window, with one or
      // two lines, takes no branch on their number (a mispredicted one
      // costs more than the stores: single-line text runs 1.3x faster). A
      // slot past the lines is a spare store: overwritten later, or past
      // the events returned. Its fields are computed without a branch,
      // from a bit that is always there (bit 63) and the first line's
      // bytes, which the call may read.
      const size_t end = w + 64 - leading_zeros(good);
      const unsigned k = popcount(good);
      event* const o = v.out + n;
      size_t e = w + trailing_zeros(good);
      event_access::reply(o[0], v.base + p, b + p, static_cast<uint32_t>(e + 1 - p),
                          head & 0xFFFFFFu, 0);
      const size_t first = p;
      p = e + 1;
      good &= good - 1;
      const size_t none = 0 - static_cast<size_t>(good == 0);  // all ones: a spare slot
      const size_t at = p - ((p - first) & none);
      e = w + trailing_zeros(good | uint64_t{1} << 63);
      event_access::reply(o[1], v.base + p, b + at, static_cast<uint32_t>(e + 1 - p),
                          load_le<uint32_t>(b + at) & 0xFFFFFFu, 0);
      p = e + 1;
      good &= good - 1;
      for (size_t j = 2; good; ++j, good &= good - 1) {
        e = w + trailing_zeros(good);
        event_access::reply(o[j], v.base + p, b + p, static_cast<uint32_t>(e + 1 - p),
                            load_le<uint32_t>(b + p) & 0xFFFFFFu, 0);
        p = e + 1;
      }
      *pn = n + k;
      return end;
    }
    while (good) {
      if (v.strict && static_cast<unsigned char>(b[p] - '1') > 5) break;
      const size_t e = w + trailing_zeros(good);
      event_access::reply(v.out[n++], v.base + p, b + p, static_cast<uint32_t>(e + 1 - p),
                          load_le<uint32_t>(b + p) & 0xFFFFFFu, 0);
      p = e + 1;
      good &= good - 1;
    }
    *pn = n;
    return p;
  }

  // Block text back to back: inside a block, from window w (the line at p
  // known not to end it, or the block resumed at p by a new call), takes
  // every window that holds no line that may end the block
  // (may_terminate(): a line of another code is text) and breaks no limit,
  // the input's last, partial one included, counting its lines and
  // collecting its flags as skip_text() does, with all it reads in
  // registers. Returns the first window it did not take, with its masks in
  // *stop when it made them. (A helper shared with skip_text() cost long
  // blocks 8% more instructions, so the few lines of counting stay in both;
  // limits.tsv pins each copy's checks.)
  FTPREPLY_NOINLINE size_t block_run(size_t w, size_t* pp, uint64_t* examined,
                                     block_masks* stop, bool* stopped) noexcept {
    const unsigned char* const b = b_;
    const size_t len = len_, bs = bs_;
    const uint64_t max_line = opt_.max_line, max_reply = opt_.max_reply;
    const uint64_t max_lines = opt_.max_lines;
    const bool strict = opt_.strict;
    size_t p = *pp;
    uint64_t lines = st_.lines;
    uint16_t f = st_.flags;
    const uint16_t code = st_.code;
    uint64_t cr_in = w > 0 && b[w - 1] == '\r';
    const size_t w0 = w;  // the windows taken: [w0, w), in bytes
    // Takes one window's lines from p (`from` keeps the bits at or after
    // p: all of them once p is at or before the window); false where the
    // rules must take over.
    auto take = [&](const block_masks& m, uint64_t from) FTPREPLY_LAMBDA_INLINE {
      const uint64_t starts = (m.lf << 1 | (p >= w ? uint64_t{1} << (p - w) : 0)) & from;
      // A line of another code ("226 ..." quoted in a 213 reply) is text:
      // ruled out here, not by a trip through the rules.
      if (const uint64_t cand = starts & terminator_shapes(m))
        if (may_terminate_from(w, cand, code)) return false;
      if (const uint64_t lf = m.lf & from) {
        if (w + trailing_zeros(lf) + 1 - p > max_line || lines + popcount(lf) > max_lines)
          return false;
        if (lf & ~(m.cr << 1 | cr_in)) {
          if (strict) return false;
          f |= flags::bare_lf;
        }
        lines += popcount(lf);
        p = w + 64 - leading_zeros(lf);
      }
      if (const uint64_t sp = m.special & from) {
        const unsigned first = trailing_zeros(sp);
        f |= special_flags(b + w + first, 64 - leading_zeros(sp) - first);
      }
      cr_in = m.cr >> 63;
      return true;
    };
    // Windows that keep the block within max_reply (the rules report one
    // that does not).
    const size_t end = bs + max_reply < len ? static_cast<size_t>(bs + max_reply) : len;
    block_masks m;
    bool broke = false;
    // Only the first window may hold bytes before p (a call that resumed
    // the block mid-window); after it p stays at or before each window,
    // every window being taken whole. (Peeled: a mask kept for the first
    // window alone cost long blocks a third more instructions.)
    if (p > w && w + 64 <= end) {
      m = classify_block(b + w);
      broke = !take(m, bits_from(p, w));
      if (!broke) w += 64;
    }
    if (!broke) {
      for (; w + 64 <= end; w += 64) {
        m = classify_block(b + w);
        if (!take(m, ~uint64_t{0})) {
          broke = true;
          break;
        }
      }
    }
    if (!broke && w < len && len == end && len - w < 64) {  // the input's last window
      m = tail_masks(b, len, w);
      broke = !take(m, bits_from(p, w));
      if (!broke) w = len;
    }
    *stopped = broke;
    if (broke) *stop = m;
    st_.lines = static_cast<uint32_t>(lines);
    st_.flags = f;
    *examined += w - w0;
    *pp = p;
    return w;
  }

  // Plain replies back to back: expecting a reply at p (no blank lines
  // pending, no NUL or high byte in the line at p before window w), takes
  // every window whose lines plain_lines() all emits, or that the line at p
  // crosses within the line limit, with no NUL or high byte from p on, the
  // input's last, partial window included, keeping what it reads in
  // registers. Multi-line replies in their plainest form are taken from the
  // masks too (see the block part below). Returns the first window it did
  // not take, which the walk then takes from *pp (it may have emitted the
  // replies at its start, or opened a block: st_.mode says), with its masks
  // in *stop.
  FTPREPLY_NOINLINE size_t plain_run(size_t w, size_t* pp, size_t* pn, uint64_t* examined,
                                     block_masks* stop, bool* stopped) noexcept {
    const plain_env v = env();
    const unsigned char* const b = b_;
    const size_t len = len_;
    size_t p = *pp, n = *pn;
    uint64_t cr_in = w > 0 && b[w - 1] == '\r';
    const size_t w0 = w;  // the windows taken: [w0, w), in bytes
    // A multi-line reply in its plainest form: an opening line "ddd-text"
    // and text lines, all ended by CR LF, no NUL or high byte, then the
    // terminator "ddd text" with the opening code, within every limit.
    // Only lines that may end it are read (terminator_shapes()); anything
    // else, or any doubt (a bare code, a line the masks cannot settle, the
    // input's last window), hands the block as it stands to the walk and
    // its rules, which then take it from p as block_run() would have.
    // (Under any_code_terminates every shape may end it: the rules only.)
    const bool blocks = !opt_.any_code_terminates;
    const uint64_t max_reply = opt_.max_reply, max_lines = opt_.max_lines;
    bool in_block = false;
    bool closing = false;  // its terminator found at p, the LF to come
    size_t bs = 0;         // its first byte
    uint32_t term = 0;     // its terminator's head: the code, then ' '
    uint64_t lines = 0;    // its complete lines
    // The line at p, where plain_lines() stopped, as an opening line.
    auto open_block = [&](const block_masks& m, uint64_t crlf) FTPREPLY_LAMBDA_INLINE {
      const size_t e = w + trailing_zeros(m.lf & bits_from(p, w));
      if (!blocks || e < p + 5 || !(crlf >> (e - w) & 1) || e + 1 - p > v.max_line) return false;
      const uint32_t head = load_le<uint32_t>(b + p);
      if (!three_digits(head) || head >> 24 != '-' ||
          (v.strict && static_cast<unsigned char>(b[p] - '1') > 5))
        return false;
      in_block = true;
      bs = p;
      term = (head & 0xFFFFFFu) | uint32_t{' '} << 24;
      lines = 1;
      p = e + 1;
      return true;
    };
    // The block's lines in window w from p: true when it took them all (the
    // block goes on) or emitted the block at its terminator (in_block then
    // false, p after it).
    auto block_lines = [&](const block_masks& m, uint64_t crlf) FTPREPLY_LAMBDA_INLINE {
      if (w + 64 - bs > max_reply) return false;
      const uint64_t from = bits_from(p, w);
      uint64_t cand = 0;
      uint64_t upto = closing ? 0 : ~uint64_t{0};  // bits before the terminator
      size_t t = p;                                // the terminator's first byte
      if (!closing) {
        const uint64_t at_p = p >= w && p < w + 64 ? uint64_t{1} << (p - w) : 0;
        for (cand = (m.lf << 1 | at_p) & from & terminator_shapes(m); cand; cand &= cand - 1) {
          t = w + trailing_zeros(cand);
          if (t + 4 > len) return false;
          const uint32_t head = load_le<uint32_t>(b + t);
          if (head == term) {
            upto = low_bits(static_cast<unsigned>(t - w));
            break;
          }
          if (((head ^ term) & 0xFFFFFFu) == 0) return false;  // a bare code
        }
      }
      const uint64_t lf = m.lf & from & upto;
      if ((lf & ~crlf) || (lf && w + trailing_zeros(lf) + 1 - p > v.max_line)) return false;
      const uint64_t count = lines + popcount(lf);
      if (!cand && !closing) {  // no terminator here: text to the window's end
        if (count > max_lines) return false;
        lines = count;
        if (lf) p = w + 64 - leading_zeros(lf);
        return true;
      }
      const uint64_t last = m.lf & ~upto & from;  // the terminator's LF
      if (!last) {  // in a later window: read on
        if (count > max_lines) return false;
        lines = count;
        p = t;
        closing = true;
        return true;
      }
      const size_t e = w + trailing_zeros(last);
      // (Within max_reply: the whole window is.)
      if (!(crlf >> (e - w) & 1) || e + 1 - t > v.max_line || count + 1 > max_lines ||
          n == v.cap)
        return false;
      event_access::reply(v.out[n++], v.base + bs, b + bs, static_cast<uint32_t>(e + 1 - bs),
                          term & 0xFFFFFFu, 0);
      in_block = closing = false;
      p = e + 1;
      return true;
    };
    // Takes one window's lines; false where the walk must take over.
    auto take = [&](const block_masks& m, bool last_window) FTPREPLY_LAMBDA_INLINE {
      if (m.special & bits_from(p, w)) return false;
      const uint64_t crlf = m.lf & (m.cr << 1 | cr_in);
      for (;;) {
        if (!in_block) {
          const uint64_t lfs = m.lf & bits_from(p, w);
          if (!lfs) {  // the line at p goes on through this window
            if (w + 64 - p >= v.max_line) return false;
            break;
          }
          const size_t end = w + 64 - leading_zeros(lfs);  // after the window's last LF
          p = plain_lines<spare_stores>(v, m, crlf, w, lfs, 0, p, &n);
          if (p == end) break;
          if (!open_block(m, crlf)) return false;
        }
        if (last_window || !block_lines(m, crlf)) return false;
        if (in_block) break;
      }
      cr_in = m.cr >> 63;
      return true;
    };
    block_masks m;
    bool broke = false;
    for (; w + 64 <= len; w += 64) {
      m = classify_block(b + w);
      if (!take(m, false)) {
        broke = true;
        break;
      }
    }
    if (!broke && w < len) {  // the input's last, partial window
      m = tail_masks(b, len, w);
      if (take(m, true)) w = len;
    }
    *stopped = w < len;  // every exit before the end made m
    if (*stopped) *stop = m;
    if (in_block) {  // the walk goes on with the block from p
      st_.mode = mode_block;
      st_.code = code_at(bs);
      st_.lines = static_cast<uint32_t>(lines);
      st_.flags = 0;
      bs_ = bs;
    }
    *examined += w - w0;
    *pp = p;
    *pn = n;
    return w;
  }

  // Every 64-byte window is classified once and its lines taken in order:
  // plain single-line replies in bulk (plain_lines()), block text in bulk
  // (skip_text()), and each line those stop at through the rules
  // (start_line(), block_line(), the line limit), its LF found in the masks.
  // Hot state is kept in locals: the event stores could otherwise alias it.
  // From the line start p; windows before `resume` hold no LF, NUL or high
  // byte of the line at p.
  scan_result walk(size_t p, size_t resume) noexcept {
    const unsigned char* const b = b_;
    const size_t len = len_, cap = cap_;
    const uint64_t max_line = opt_.max_line;
    uint8_t mode = st_.mode;
    bool pending_blank = st_.pending_blank;
    size_t n = n_;
    uint64_t examined = 0;
    bool open_special = false;  // a NUL or high byte in [p, w)
    // Block: the line open at p may end the block, so it must reach the
    // rules whole, not be counted in bulk when its LF comes.
    bool hold = false;
    // The previous window was block text to its end: a long block, worth
    // the tighter loop. Or it was plain replies to its end: plain_run().
    // A call starts in the loop its mode calls for (a block resumed at its
    // open line, or replies expected at p).
    bool long_block = fast_ && mode == mode_block;
    bool long_plain = fast_ && mode == mode_expect && !pending_blank;
    size_t w = p & ~size_t{63};
    if (resume > w) w = resume;
    for (; w < len; w += 64) {
      // A run hands back the window it stopped at with its masks (copied
      // into m, whose address is never taken, so it stays in registers).
      block_masks handed;
      bool stopped = false;
      if (long_block) {
        w = block_run(w, &p, &examined, &handed, &stopped);
        if (w >= len) break;
      } else if (long_plain) {
        w = plain_run(w, &p, &n, &examined, &handed, &stopped);
        mode = st_.mode;  // plain_run() may hand over a block; a line it
        hold = mode == mode_block && p < w;  // holds open may end it
        if (w >= len) break;
      }
      const block_masks m = stopped ? handed : window_masks(b, len, w);
      examined += len - w >= 64 ? 64 : len - w;
      long_block = long_plain = false;
      // LFs that follow a CR (for bit 0: the byte before the window).
      const uint64_t crlf = m.lf & ((m.cr << 1) | (w > 0 && b[w - 1] == '\r'));
      // Each pass takes lines whose start is in this window or earlier.
      while (p < w + 64) {
        uint64_t from = bits_from(p, w);
        uint64_t lfs = m.lf & from;
        if (fast_ && lfs && mode == mode_expect && !pending_blank && !open_special) {
          p = plain_lines<false>(env(), m, crlf, w, lfs, m.special & from, p, &n);
          from = bits_from(p, w);
          lfs = m.lf & from;
          long_plain = !lfs && !(m.special & from);
        } else if (fast_ && mode == mode_block && !hold) {
          if (skip_text(m, crlf, w, &p)) {
            long_block = true;
            break;
          }
          from = bits_from(p, w);
          lfs = m.lf & from;
        }
        if (!lfs) {  // the line at p goes on into the next window
          open_special = open_special || (m.special & from) != 0;
          hold = mode == mode_block;
          break;
        }
        const size_t e = w + trailing_zeros(lfs);
        const bool special = open_special || (m.special & from & (lfs ^ (lfs - 1))) != 0;
        if (n == cap) {
          st_.examined += examined;
          st_.pending_blank = pending_blank;
          n_ = n;
          return mode == mode_block ? stop_block(p, true) : stop(p, true);
        }
        open_special = false;
        hold = false;
        // The rules, with the state they read written back. Each takes
        // exactly the line [p, e].
        n_ = n;
        st_.pending_blank = pending_blank;
        if (mode == mode_block) {
          p = block_line(p, e, special);
        } else if (e + 1 - p > max_line) {
          p = emit_error(error::line_too_long, p, p, e + 1);
        } else {
          p = start_line(p, e, special);
        }
        n = n_;
        mode = st_.mode;
        pending_blank = st_.pending_blank;
      }
    }
    st_.examined += examined;
    st_.pending_blank = pending_blank;
    n_ = n;
    // long_block here: the block's last window was taken in bulk.
    return open_line(p, open_special, long_block);
  }

  // Inside a block, from the line start *p in window w: counts in bulk the
  // lines that cannot end the block, break no limit and, in strict mode,
  // end with CRLF, and collects their flags. A line may end the block only
  // when its start has a terminator's shape (terminator_shapes()) and its
  // code is the block's (may_terminate()). Returns true when the rest of
  // the window was taken (the plain line open at its end included); false
  // with *p on the first line that may end the block, or unmoved when the
  // lines here need the rules one by one.
  bool skip_text(const block_masks& m, uint64_t crlf, size_t w, size_t* pp) noexcept {
    const size_t p = *pp;
    const uint64_t from = bits_from(p, w);
    // Line starts in this window: after each LF, and p itself.
    const uint64_t starts = ((m.lf << 1) | (p >= w ? uint64_t{1} << (p - w) : 0)) & from;
    uint64_t cand = starts & terminator_shapes(m);
    if (cand) cand = may_terminate_from(w, cand, st_.code);
    const unsigned limit = trailing_zeros_or_64(cand);
    const uint64_t before = from & low_bits(limit);
    const uint64_t lf = m.lf & before;
    uint16_t f = st_.flags;
    if (lf) {
      // Lines wholly inside the window are under 64 bytes; only the first
      // may have started earlier.
      const size_t end = w + 64 - leading_zeros(lf);
      if (w + trailing_zeros(lf) + 1 - p > opt_.max_line || end - bs_ > opt_.max_reply ||
          uint64_t{st_.lines} + popcount(lf) > opt_.max_lines)
        return false;
      if (lf & ~crlf) {
        if (opt_.strict) return false;
        f |= flags::bare_lf;
      }
      st_.lines += popcount(lf);
      *pp = end;
    }
    // Bytes before the first candidate belong to the lines crossed or to
    // the plain-text line still open: the reply's either way.
    if (const uint64_t sp = m.special & before) {
      const unsigned first = trailing_zeros(sp);
      f |= special_flags(b_ + w + first, 64 - leading_zeros(sp) - first);
    }
    st_.flags = f;
    if (!cand) return true;
    *pp = w + limit;
    return false;
  }

  // `cand` (line starts in window w) from the first line that could end a
  // block with code `code` (may_terminate()) on; 0 when none could. Out of
  // line: the loops that call it keep their registers.
  FTPREPLY_NOINLINE uint64_t may_terminate_from(size_t w, uint64_t cand,
                                                uint16_t code) const noexcept {
    while (cand && !may_terminate(w + trailing_zeros(cand), code)) cand &= cand - 1;
    return cand;
  }

  // True when the line at p, which starts with a digit, could end a block
  // with code `code`: its code (any code under any_code_terminates), then a
  // space or the line end. The lines it rules out are plain text.
  bool may_terminate(size_t p, uint16_t code) const noexcept {
    if (p + 4 > len_) return true;
    const unsigned char sep = b_[p + 3];
    if (sep != ' ' && sep != '\r' && sep != '\n') return false;
    if (opt_.any_code_terminates)
      return is_digit(b_[p + 1]) && is_digit(b_[p + 2]);
    return code_at(p) == code;
  }

  // The input ended inside the line starting at p (p == len_ when it ended
  // at a line start); `special` says whether its bytes hold a NUL or high
  // byte, `bulk` whether a block was taken in bulk to the end.
  FTPREPLY_NOINLINE scan_result open_line(size_t p, bool special, bool bulk) noexcept {
    for (;;) {
      const size_t partial = len_ - p;
      if (st_.mode == mode_block) {
        if (partial > opt_.max_line || (p - bs_) + partial > opt_.max_reply) {
          enter_skip(bs_, p, p - bs_);
        } else if (at_end_) {
          if (n_ == cap_) return stop_block(p, true);
          // The block is abandoned; the rest is read as a new reply.
          emit_error(error::unterminated, bs_, bs_, p);
          continue;
        } else {
          // Only when the open line's head is whole: a cut one was not
          // known to be no terminator, and the next call counts its
          // windows from the block's start, so it may no longer share a
          // window with the end.
          if (bulk && partial >= 4) st_.walked = static_cast<uint32_t>(len_ - bs_);
          return stop_block(p, false);
        }
      } else if (st_.mode == mode_expect) {
        if (partial == 0) return stop(p, false);
        if (partial > opt_.max_line) {  // over even without its end
          enter_skip(p, p, 0);
        } else if (at_end_) {
          if (n_ == cap_) return stop(p, true);
          emit_error(error::truncated, p, p, len_);
          return stop(len_, false);
        } else {  // need more; remember how far the line was examined
          st_.walked = static_cast<uint32_t>(partial);
          st_.line_special = special;
          return stop(p, false);
        }
      }
      // mode_skip: everything is consumed; at the end, report it.
      if (!at_end_) return stop(len_, false);
      if (n_ == cap_) return stop(len_, true);
      emit_skipped(len_);
      return stop(len_, false);
    }
  }

  // --- output --------------------------------------------------------------

  FTPREPLY_NOINLINE size_t emit_error(error e, size_t offset, size_t start, size_t end) noexcept {
    event_access::failure(out_[n_++], e, st_.base + offset, st_.base + start,
                          end - start);
    st_.mode = mode_expect;
    return end;
  }

  void emit_reply(size_t start, size_t end, uint32_t digits, uint16_t f) noexcept {
    event_access::reply(out_[n_++], st_.base + start, b_ + start,
                        static_cast<uint32_t>(end - start), digits,
                        static_cast<uint16_t>(f | (st_.pending_blank ? flags::blank_line : 0)));
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
  // Bulk counting assumes a line inside one window fits the line limit.
  const bool fast_ = opt_.max_line >= 64;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}
