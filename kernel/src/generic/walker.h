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
//   constexpr bool classify_ahead; // the runs classify the next window
//                                  // before they take this one's lines
//   bool clean_window(const unsigned char* p, uint64_t& lf);
//       // optional: true, with the LF mask of the 64 bytes at p, when
//       // none of them stops a run: every LF after a CR (p[-1] is read),
//       // no NUL or high byte (without it, internal.h's passes none)
//   bool quiet_window(const unsigned char* p);
//       // optional: true when the 64 bytes at p hold no LF and no NUL or
//       // high byte (the same)
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and takes the
// lines in order, each LF found by a bit scan, as the bare tokenizer does.
// The rules live in three places: start_line() (a line where a reply
// should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). Two runs, one per mode, only
// accelerate: expect_run() emits plain single-line replies ("ddd
// text\r\n") and opens blocks, block_run() counts a block's text lines and
// emits it at its terminator, each line for one head load and a few
// predictable branches (a block of lines over 192 bytes in a loop of its
// own, which passes over the windows inside a line). A run stops at any
// line it does not recognise, which then goes to the rules whole.
//
// Why one stage: in two (stage one indexing 4 KiB of line ends, with VBMI2
// vpcompressw and the bare LF, NUL and high bytes ORed; stage two the runs
// over the index, any other segment in one stage), AVX-512BW on Zen 4 took
// 0.84-0.97 of this walker's time on short and 0.94-0.98 on multiline, but
// 1.07-1.13 on session, up to 1.04 on servers and up to 1.22 fed 1,460
// bytes a call (tools/ab_kernel.sh, December 2026); with tzcnt slots, 1.25
// to 1.78. The bench's two-stage tokenizers show what stage two may gain.
// The two mixes it lost are the ones that repeat (session cycles through 24
// replies, servers through 15 KB of transcripts), a rhythm that lets the
// predictor foresee where a window's lines end; on altgen's session, which
// has none, it took 0.76 of the time, and every one-stage loop (the bare
// tokenizer's too) runs at 0.6 of the two-stage ones.

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap), line_bound_(std::min(opt.max_line, long_line)) {}

  scan_result run() noexcept {
    size_t p = 0;
    if (st_.mode == mode_block) p = static_cast<size_t>(st_.checked);
    // A line open at the end of the last call (at 0, or at p in its block)
    // was examined that far, from the start of this input, and has no LF
    // there: resume at the window holding its end, so a long line arriving
    // in pieces is walked once. Whether it held a NUL or high byte comes
    // along.
    const size_t resume = (st_.walked < len_ ? st_.walked : len_) & ~size_t{63};
    const bool open_special = st_.line_special;
    st_.walked = 0;
    st_.line_special = false;
    if (st_.mode == mode_skip) return skip_then_walk(resume);
    return walk(p, resume, open_special);
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

  // Consumes to the end of the line that broke a limit, then walks on (out
  // of line: run() stays light for the call that resumes a reply).
  FTPREPLY_NOINLINE scan_result skip_then_walk(size_t resume) noexcept {
    if (n_ == cap_) return stop(0, true);
    const size_t e = find_lf(0);
    if (e == len_ && !at_end_) return stop(len_, false);
    const size_t p = e == len_ ? len_ : e + 1;
    emit_skipped(p);
    return walk(p, resume, false);
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

  // Where the walk stands: the line start p; the window w and its LFs not
  // yet taken; `stop`, the window's first bare LF (no CR before) or NUL or
  // high byte at or after p: a line whose LF is at or past it is for the
  // rules. When the bytes of the line open into the window hold a NUL or
  // high byte, the stop is 0 (the carry, at bit 0). Only these cross a
  // window: the runs keep them in registers.
  struct cursor {
    size_t p, w;
    uint64_t lfs;
    unsigned stop;
  };

  // The stop of a window (masks m, cr_in 1 when a CR comes before it) from
  // the bits `from` on, given its carry.
  static FTPREPLY_ALWAYS_INLINE unsigned window_stop(const block_masks& m, uint64_t cr_in,
                                                     uint64_t from, uint64_t carry) noexcept {
    // (GCC branches on 0 here. TZCNT's 64 instead, without the branch, was
    // 5% slower on multiline with AVX-512BW, Zen 4: the lines' tests then
    // wait for the masks.)
    return trailing_zeros_or_64((stop_bits(m, cr_in) & from) | carry);
  }
  // A window's bare LFs (no CR before) and NUL or high bytes.
  static FTPREPLY_ALWAYS_INLINE uint64_t stop_bits(const block_masks& m, uint64_t cr_in) noexcept {
    return (m.lf & ~(m.cr << 1 | cr_in)) | m.special;
  }

  uint64_t cr_before(size_t w) const noexcept { return w > 0 && b_[w - 1] == '\r'; }

  // The stop of a window with no stop of its own, given the last one's.
  static unsigned carried(unsigned stop) noexcept { return stop != 64 ? 0 : 64; }

  // The window at p (64 bytes, p[-1] readable) when clean_window() passes
  // it: its LFs, and no stop but the carry.
  static FTPREPLY_ALWAYS_INLINE bool next_clean(const unsigned char* p, uint64_t& lfs,
                                                unsigned& stop) noexcept {
    if (!clean_window(p, lfs)) return false;
    stop = carried(stop);
    return true;
  }

  // Moves to window w + 64 with the line open from the last: its LFs and
  // its stop, with the carry (the last window's stop was left untaken only
  // by a NUL or high byte of that line). False at the end of the input.
  // A window clean_window() passes has no stop but the carry: its CR and
  // NUL or high bytes are not made into masks, and no stop is worked out
  // (tools/ab_kernel.sh, time against the masks of every window, Zen 3:
  // SSE2 0.76 multiline, 0.85 session, 0.93 servers, 0.95 hostile, 0.97
  // short, 0.72-0.93 altgen's streams; AVX2 0.91 multiline, 0.92
  // alt-multiline, 0.97-1.03 on the rest; fed 1,460 bytes a call, SSE2
  // 0.81-1.00, AVX2 0.83-0.99).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          bool try_clean = true) const noexcept {
    w += 64;
    if (w >= len_) return false;
    if (try_clean && len_ - w >= 64 && next_clean(b_ + w, lfs, stop)) return true;
    const block_masks m = window_masks(b_, len_, w);
    lfs = m.lf;
    stop = window_stop(m, b_[w - 1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }
  // The same with the window as a pointer, bw then left on the last window
  // at the end of the input. The expect run holds its window so: a line's
  // end is found without the input's start in a register (short 12%
  // faster with AVX-512BW, Zen 4). (The block loop keeps offsets: written
  // with this one, it was 6% slower on multiline with AVX2.)
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop) const noexcept {
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    if (left - 64 >= 64 && next_clean(bw, lfs, stop)) return true;
    // (window_masks() would work out the bytes left again: 1.5% more
    // instructions on session.)
    const block_masks m = left - 64 >= 64 ? classify_block(bw)
                                          : tail_masks(b_, len_, static_cast<size_t>(bw - b_));
    lfs = m.lf;
    stop = window_stop(m, bw[-1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }

  // next_window() for a loop that passes over the windows inside a line: a
  // window without LF (lfs 0) makes only its LF and NUL or high bytes, a NUL
  // or high byte setting the carry (stop 0). Its masks never come from
  // tail_masks() (the input's last window goes through next_window()): the
  // loop's masks then stay in registers, and GCC makes the CR mask only for
  // a window with an LF (callgrind, AVX2 hostile: 1.11 instructions a byte
  // with a loop of its own for the windows without LF, 0.94 so). A window
  // quiet_window() passes makes no mask at all (tools/ab_kernel.sh, time,
  // Zen 3: hostile AVX2 0.96, SSE2 0.83; fed 1,460 bytes a call, 0.97 and
  // 0.90; level on the other mixes).
  FTPREPLY_ALWAYS_INLINE bool next_window_sparse(size_t& w, uint64_t& lfs,
                                                 unsigned& stop) const noexcept {
    // (A clean test at the input's last windows cost AVX2 1.02-1.07 of the
    // time on hostile input fed 1,460 bytes a call.)
    if (len_ - w < 128) return next_window(w, lfs, stop, false);
    w += 64;
    if (quiet_window(b_ + w)) {
      lfs = 0;
      return true;
    }
    const block_masks m = classify_block(b_ + w);
    lfs = m.lf;
    if (!lfs) {
      if (m.special) stop = 0;
      return true;
    }
    stop = window_stop(m, cr_before(w), ~uint64_t{0}, stop != 64);
    return true;
  }

  // A window made a window early (a kernel's classify_ahead): the expect
  // run and the block loop inlined in it classify window w + 64 before
  // they take the lines of w. How many lines a window holds varies, so the
  // end of w's lines is mispredicted; the masks the run goes on with are
  // then ready, not loaded and compared after the flush. block_run() (a
  // block resumed, or any_code_terminates) makes none: with it, AVX2's
  // hostile took 1.08 of the time. The kernels' files give the figures.
  // `pre`: its stop_bits(), its stop but for the carry.
  struct ahead {
    uint64_t lf = 0, pre = 0;
  };
  // Window nw (0 < nw < len_), `left` bytes from it to the end.
  FTPREPLY_ALWAYS_INLINE void look_ahead(const unsigned char* nw, size_t left,
                                         ahead& a) const noexcept {
    const block_masks m = left >= 64 ? classify_block(nw)
                                     : tail_masks(b_, len_, static_cast<size_t>(nw - b_));
    a.lf = m.lf;
    a.pre = stop_bits(m, nw[-1] == '\r');
  }
  // The window after w, when there is one.
  void start_ahead(size_t w, ahead& a) const noexcept {
    if (classify_ahead && len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
  }
  // next_window() with the window made ahead, the one after it made (the
  // plain one without classify_ahead).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          ahead& a) const noexcept {
    if (!classify_ahead) return next_window(w, lfs, stop);
    w += 64;
    if (w >= len_) return false;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
    return true;
  }
  // The same with the window as a pointer.
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop, ahead& a) const noexcept {
    if (!classify_ahead) return next_window(bw, lfs, stop);
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (left > 128) look_ahead(bw + 64, left - 128, a);
    return true;
  }

  // How a run stopped: at the end of the input, at a line for the rules
  // (c.lfs's lowest bit is its LF), or with its mode over (block_run(): the
  // block emitted).
  enum class run_stop { end, rules, mode };

  // Expecting replies, no blank line pending: emits the plain single-line
  // replies "ddd text\r\n" (within max_line, no NUL or high byte, a class
  // strict mode allows), and at a plain "ddd-text\r\n" opens a block and
  // runs block_loop() for it, inlined. Out of line, one per mode, with what
  // it reads in locals: the loops keep their registers.
  template <bool Strict>
  FTPREPLY_NOINLINE run_stop expect_run(cursor& c, event** po) noexcept {
    const unsigned char* const b = b_;
    const unsigned char* q = b + c.p;  // the line start
    const unsigned char* bw = b + c.w;  // the window
    uint64_t lfs = c.lfs;
    event* o = *po;
    event* const end = out_ + cap_;
    // An event's offset is its first byte's address plus this.
    const uint64_t to_offset = st_.base - reinterpret_cast<uintptr_t>(b);
    const uint64_t over = opt_.max_line - 6;
    // "ddd " in one test (three_digits() and the space): the first digit
    // '1'-'6' in strict mode.
    constexpr uint32_t sub = Strict ? 0x20303031u : 0x20303030u;
    constexpr uint32_t add = Strict ? 0x0076767Au : 0x00767676u;
    // The window's first line for the rules: the stop, or the first the
    // output has no room for, tested once a window. The run takes at most
    // 11 lines in a window (6 bytes or more each, the first maybe begun
    // before it), one event each: with room for 11, none is counted.
    auto room = [&](unsigned s) FTPREPLY_LAMBDA_INLINE {
      const size_t left = static_cast<size_t>(end - o);
      if (left < 11) {
        uint64_t l = lfs;
        for (size_t k = 0; k < left && l; ++k) l &= l - 1;
        if (l) s = std::min(s, trailing_zeros(l));
      }
      return s;
    };
    unsigned stop = room(c.stop);
    run_stop r = run_stop::rules;
    ahead a;
    start_ahead(c.w, a);
    for (;;) {
      while (lfs) {
        const unsigned bit = trailing_zeros(lfs);
        const unsigned char* const next = bw + bit + 1;
        const size_t line_len = static_cast<size_t>(next - q);
        // At least "ddd " and CR LF, at most max_line: the head is inside.
        if (line_len - 6 > over) goto done;
        if (bit >= stop) goto done;
        const uint32_t head = load_le<uint32_t>(q), d = head - sub;
        if (((d | (d + add)) & 0xFF808080u) == 0) {
          event_access::reply(*o++, reinterpret_cast<uintptr_t>(q) + to_offset, q,
                              static_cast<uint32_t>(line_len), head & 0xFFFFFFu, 0);
          q = next;
          lfs &= lfs - 1;
          continue;
        }
        const uint32_t dash = head - (sub + 0x0D000000u);  // "ddd-"
        if (((dash | (dash + add)) & 0xFF808080u) != 0) goto done;
        const size_t p = static_cast<size_t>(q - b);
        st_.mode = mode_block;
        st_.code = code_at(p);
        st_.lines = 1;
        st_.flags = 0;
        bs_ = p;
        // The block's loop, inlined here: in a session blocks come and go
        // every few lines. A return to the walk between the two runs cost
        // a third of the servers mix, and a call to block_run() 5-9% of
        // the servers, session and multiline mixes (AVX2, Zen 4).
        c = cursor{static_cast<size_t>(next - b), static_cast<size_t>(bw - b), lfs & (lfs - 1),
                   stop};
        event* ob = o;
        r = opt_.any_code_terminates ? block_run<true>(c, &ob, end)
                                     : block_loop<false>(c, &ob, end, &a);
        o = ob;
        if (r != run_stop::mode) {
          *po = o;
          return r;
        }
        q = b + c.p;  // the block emitted: on after it
        bw = b + c.w;
        lfs = c.lfs;
        stop = room(c.stop);
        if (opt_.any_code_terminates) start_ahead(c.w, a);
      }
      if (!next_window(bw, lfs, stop, a)) break;
      stop = room(stop);
    }
    r = run_stop::end;
  done:
    c = cursor{static_cast<size_t>(q - b), static_cast<size_t>(bw - b), lfs, stop};
    *po = o;
    return r;
  }

  // Inside the block at bs_: counts its text lines and emits it at its
  // terminator "ddd text\r\n" (its code, then a space), all within the
  // limits, ended by CR LF, with no NUL or high byte. A line that could
  // end it otherwise (a bare code; with AnyCode, any code) goes to the
  // rules. `end`: where the output stops for it. Out of line for the walk
  // (a call that resumes inside a block), inlined in expect_run().
  //
  // Long: a block of long lines (hostile input's endless reply), in a loop
  // of its own that passes over the windows inside a line with their LF
  // and NUL or high bytes alone. The other block loops bound a line at
  // long_line bytes (line_bound_), as they bound it at max_line: a longer
  // one goes to the rules, and its block on in this loop. Nothing is tested a
  // window for it: a test for windows without LF in every block loop cost
  // multiline 3-5% of its time, and the runs' loops move by a percent or
  // more with any change to their code (Zen 4).
  template <bool AnyCode, bool Long = false>
  FTPREPLY_NOINLINE run_stop block_run(cursor& cur, event** po, event* end) noexcept {
    return block_loop<AnyCode, Long>(cur, po, end, nullptr);
  }
  // Three windows. The bound holds from the line start at the window's
  // entry, so it also sends to the rules the lines after a long one in
  // the same window: at 192, after a line over 128 bytes; at 128, after
  // any line that covers a window (multiline 7% slower).
  static constexpr uint32_t long_line = 192;
  // `a`: the window made ahead (expect_run()'s), or none.
  template <bool AnyCode, bool Long = false>
  FTPREPLY_ALWAYS_INLINE run_stop block_loop(cursor& cur, event** po, event* end,
                                             ahead* a) noexcept {
    const unsigned char* const b = b_;
    size_t p = cur.p, w = cur.w;
    uint64_t lfs = cur.lfs;
    unsigned stop = cur.stop;
    const size_t bs = bs_;
    const uint32_t term = (load_le<uint32_t>(b + bs) & 0xFFFFFFu) | uint32_t{' '} << 24;
    // The lines the block may still take before max_lines (counted down:
    // one register fewer in the loop).
    const uint32_t max_lines = opt_.max_lines,
                   max_line = Long || AnyCode ? opt_.max_line : line_bound_;
    uint32_t left = st_.lines < max_lines ? max_lines - st_.lines : 0;
    // A line that ends past `bound` goes to the rules: one test for the
    // reply limit, the line limit (from the line start at the window's
    // entry: the lines after it are shorter), and 4 bytes to read from
    // the line start (a line under 4 bytes reads the next one's first:
    // its LF is not a digit, so the head is text, as it should be).
    const size_t reply_end = opt_.max_reply < len_ - bs ? bs + opt_.max_reply : len_;
    const size_t bound_reply = std::min<size_t>(len_ > 3 ? len_ - 3 : 0, reply_end);
    size_t bound = std::min<size_t>(bound_reply, p + max_line);
    run_stop r = run_stop::rules;
    for (;;) {
      for (; lfs; lfs &= lfs - 1) {
        const unsigned bit = trailing_zeros(lfs);
        const size_t next = w + bit + 1;
        if (bit >= stop || next > bound || left == 0) goto done;
        const uint32_t head = load_le<uint32_t>(b + p);
        // Text: neither the code followed by a space or a line end, nor
        // any code under AnyCode. (The code first: a test of '-' first
        // mispredicts on listings, "-rw-r--r--".)
        const bool text = ((head ^ term) & 0xFFFFFFu) != 0 ? !(AnyCode && three_digits(head))
                                                            : head >> 24 == '-';
        if (text) {
          --left;
          p = next;
          continue;
        }
        if (head != term || *po == end) goto done;
        event* const o = *po;
        event_access::reply(*o, st_.base + bs, b + bs, static_cast<uint32_t>(next - bs),
                            term & 0xFFFFFFu, st_.flags);
        *po = o + 1;
        st_.mode = mode_expect;
        p = next;
        lfs &= lfs - 1;
        r = run_stop::mode;
        goto done;
      }
      if constexpr (Long) {
        // One window a turn: in a loop of its own for the windows without
        // LF, GCC gave it other registers, and moved a dozen at each line.
        if (!next_window_sparse(w, lfs, stop)) break;
        if (!lfs) continue;
      } else if (!(a ? next_window(w, lfs, stop, *a) : next_window(w, lfs, stop))) {
        break;
      }
      bound = std::min<size_t>(bound_reply, p + max_line);
    }
    r = run_stop::end;
  done:
    st_.lines = max_lines - left;
    cur = cursor{p, w, lfs, stop};
    return r;
  }

  // From the line start p: each mode's run, and the rules (start_line(),
  // block_line(), the line limit) for each line a run stops at, which they
  // take whole. Windows before `resume` hold no LF of the line at p, and
  // `open_special` says whether its bytes there hold a NUL or high byte.
  scan_result walk(size_t p, size_t resume, bool open_special) noexcept {
    cursor c{p, p & ~size_t{63}, 0, open_special ? 0u : 64u};
    if (resume > c.w) c.w = resume;
    const size_t w0 = c.w < len_ ? c.w : len_;  // windows are classified from here on
    if (c.w < len_) {  // the first window: p may be inside it
      const uint64_t from = bits_from(p, c.w);
      const block_masks m = window_masks(b_, len_, c.w);
      c.lfs = m.lf & from;
      c.stop = window_stop(m, cr_before(c.w), from, open_special);
    }
    event* o = out_ + n_;
    // The block's last line for the rules was a long one: the block goes
    // on in block_run<., true>.
    bool long_lines = st_.long_lines;
    block_masks m{0, 0, 0};  // the masks of window mw, for the rules
    size_t mw = ~size_t{0};
    auto finish = [&] {  // the bytes classified: to the end of c's window
      st_.examined += (c.w + 64 < len_ ? c.w + 64 : len_) - w0;
      n_ = static_cast<size_t>(o - out_);
      st_.long_lines = long_lines;
    };
    for (;;) {
      if (!c.lfs) {  // a line open over windows (a long one fed in pieces)
        if (!next_window_sparse(c.w, c.lfs, c.stop)) break;
        continue;
      }
      run_stop r = run_stop::rules;
      if (st_.mode == mode_block) {
        event* const end = st_.pending_blank ? o : out_ + cap_;
        r = opt_.any_code_terminates ? block_run<true>(c, &o, end)
            : long_lines             ? block_run<false, true>(c, &o, end)
                                     : block_run<false>(c, &o, end);
      } else if (!st_.pending_blank) {
        r = opt_.strict ? expect_run<true>(c, &o) : expect_run<false>(c, &o);
        long_lines = false;  // a block it opened is new
      }
      if (r == run_stop::end) break;
      if (r == run_stop::mode) {
        long_lines = false;
        continue;
      }
      n_ = static_cast<size_t>(o - out_);
      if (n_ == cap_) {
        finish();
        return st_.mode == mode_block ? stop_block(c.p, true) : stop(c.p, true);
      }
      // The rules, for the line whose LF is c.lfs's lowest bit; the
      // window's masks are made again (the runs keep only the stop), once
      // for all the lines of a window that the rules take.
      if (c.w != mw) {
        m = window_masks(b_, len_, c.w);
        mw = c.w;
      }
      const uint64_t from = bits_from(c.p, c.w);
      const unsigned bit = trailing_zeros(c.lfs);
      const size_t e = c.w + bit;
      const uint64_t upto = c.lfs ^ (c.lfs - 1);  // the window's bits up to e
      // A line open into the window: a stop still at 0 may be its carry.
      const bool special =
          (m.special & from & upto) != 0 || (c.p < c.w && c.stop == 0);
      const bool in_block = st_.mode == mode_block;
      long_lines = in_block && e - c.p >= long_line;
      if (in_block)
        c.p = block_line(c.p, e, special);
      else if (e + 1 - c.p > opt_.max_line)
        c.p = emit_error(error::line_too_long, c.p, c.p, e + 1);
      else
        c.p = start_line(c.p, e, special);
      o = out_ + n_;
      c.lfs &= c.lfs - 1;
      c.stop = window_stop(m, cr_before(c.w), ~upto, 0);
    }
    finish();
    return end_of_input(c.p, c.stop != 64);
  }

  // The input ended inside the line starting at p: inline, the end of
  // every call of a chunked scan (more to come, within the limits); the
  // rest in open_line().
  FTPREPLY_ALWAYS_INLINE scan_result end_of_input(size_t p, bool special) noexcept {
    const size_t partial = len_ - p;
    if (!at_end_ && partial <= opt_.max_line &&
        (st_.mode == mode_expect ||
         (st_.mode == mode_block && (p - bs_) + partial <= opt_.max_reply)))
      return need_more(p, special);
    return open_line(p, special);
  }

  // More bytes may finish the line at p, in a block or between replies:
  // the next call resumes past what was examined, with the line's NUL or
  // high byte.
  FTPREPLY_ALWAYS_INLINE scan_result need_more(size_t p, bool special) noexcept {
    if (st_.mode == mode_block) {
      st_.walked = static_cast<uint32_t>(len_ - bs_);
      st_.line_special = special;
      return stop_block(p, false);
    }
    st_.walked = static_cast<uint32_t>(len_ - p);
    st_.line_special = special && p != len_;
    return stop(p, false);
  }

  // The input ended inside the line starting at p (p == len_ when it ended
  // at a line start); `special` says whether its bytes hold a NUL or high
  // byte.
  FTPREPLY_NOINLINE scan_result open_line(size_t p, bool special) noexcept {
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
          return need_more(p, special);
        }
      } else if (st_.mode == mode_expect) {
        if (partial == 0) return stop(p, false);
        if (partial > opt_.max_line) {  // over even without its end
          enter_skip(p, p, 0);
        } else if (at_end_) {
          if (n_ == cap_) return stop(p, true);
          emit_error(error::truncated, p, p, len_);
          return stop(len_, false);
        } else {
          return need_more(p, special);
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
  // The line limit of the block loops but block_run<., true>'s. A member,
  // read where max_line was read: worked out at the loop's entry, it moved
  // the expect run's registers (AVX2 multiline 7% slower, Zen 4).
  const uint32_t line_bound_;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}
