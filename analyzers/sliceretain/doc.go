// Package sliceretain defines an Analyzer that reports small sub-slices and
// substrings that keep a large backing array alive.
//
// # Analyzer sliceretain
//
// sliceretain: report small sub-slices that pin a large backing array
//
// Slicing does not copy. big[i:j] is a view of big's backing array, and as
// long as the view is reachable the garbage collector keeps the whole array,
// not just the elements the view shows. A function that reads a 10 MB file,
// keeps a 40-byte field of it in a cache and drops the rest still holds
// 10 MB per cache entry; the leak shows up only in heap profiles.
//
//	func firstRecords() []PatientVisitRecord {
//		allRecords := fetchAllRecords() // 5000 records of 1 KiB each
//		return allRecords[:10]
//	}
//
// sliceretain reports:
//
//	allRecords[:10] keeps all of allRecords's backing array alive (made by fetchAllRecords at line 21); copy the part you keep
//
// Copy the part that outlives the function, so the large array can be
// collected:
//
//	return slices.Clone(allRecords[:10])
//
// The suggested fix does that with slices.Clone when the file may use Go
// 1.21's standard library, and with append([]T(nil), x[i:j]...) before; with
// bytes.Clone and strings.Clone (Go 1.20) for byte slices and strings,
// adding the import. It is offered only when copying cannot change what the
// program does: the part escapes directly (not through a local variable the
// function could write through), and nothing writes into the array after the
// part is taken. So a part cut in place (s = s[:i]) gets no fix: write
// s = strings.Clone(s[:i]).
//
// Measured with runtime.MemStats by BenchmarkRetained in this package's
// tests (Go 1.26, amd64): each ten-record part of a fresh 5000-record result
// keeps 5,279,908 bytes (5.0 MiB) of live heap as a sub-slice, and 11,009
// bytes once cloned, 480 times less.
//
// # The rule
//
// A slice expression x[i:j] (of a slice, an array, a pointer to an array or
// a string) is reported when all of these hold:
//
//   - the part escapes the function: it, or something derived from it by
//     further slicing, conversion, trimming (strings.TrimSpace), or a
//     struct, slice or map literal holding it, is returned, sent on a
//     channel, stored in a package variable, or stored in a field, element
//     or map entry (value or key) of a parameter, receiver or package
//     variable (or of a local variable that itself escapes), appended to
//     such a slice, passed to a go statement, or captured by a goroutine or
//     by a closure that itself escapes;
//   - x is a local variable owned by the function and large: every value it
//     is given (besides re-slices, appends and trims of x itself, such as
//     x = bytes.TrimSpace(x)) is made here (make with a length known only
//     at run time, or at least the threshold in bytes; a composite literal
//     or array of at least the threshold; or x = append(x, ...) in a loop,
//     which grows x with its input), or is a fresh buffer returned by
//     a call: io.ReadAll, os.ReadFile, bufio.Reader's ReadBytes and
//     ReadString, bytes.Buffer's Bytes and String and strings.Builder's
//     String on a local buffer, exec.Cmd's Output and CombinedOutput,
//     string(b) of such a buffer (also trimmed:
//     strings.TrimSpace(string(out))), and functions (of this package, or
//     of another through an analysis fact) whose results are such buffers,
//     such as a loader that returns the slice it built by appending in a
//     loop over rows or records (all := fetchAll(); return
//     all[:min(10, len(all))]);
//   - x does not escape by any other route: every other use only reads or
//     writes its elements, or passes it to calls that cannot keep it (the
//     standard library's functions returning only numbers and errors,
//     json.Unmarshal and xml.Unmarshal, which copy what they keep, Read
//     and Write methods, whose io contracts forbid keeping the buffer, and
//     packet reads, which copy a packet into it: net.PacketConn's ReadFrom,
//     *net.UDPConn's ReadFromUDP and ReadMsgUDP, and their siblings);
//   - the part is strict and small: a head or middle x[i:j] whose high
//     bound is small on some path, or a tail x[len(x)-n:] (also
//     x[max(0, len(x)-n):]) of a small length n. A bound is not small when
//     it is always the whole of x: len(x) or cap(x), a variable only ever
//     set to them (n := len(x)), x's constant length, a count of what was
//     written into x (n from n, err := r.Read(x), copy(x, src), or a
//     counter the function increments; but not the length a packet read
//     returns, n, addr, err := conn.ReadFrom(x): one datagram, in a buffer
//     sized for the largest, 64 KiB for UDP, while most are a few hundred
//     bytes, so a listener that queues each packet as x[:n] keeps 64 KiB
//     a packet), or a value computed from x
//     (x[:len(x)-1], or through a variable only ever set to arithmetic on
//     the length, n := len(x) - 1) or from the length of the make that allocated x
//     (b := make([]byte, n+8); b[:n]). A bound clamped to the length is
//     small on the paths where the clamp does not apply, because code
//     clamps only so that short input does not panic: min(8, len(x)), and
//     n after n := 64; if n > len(x) { n = len(x) }. So is a search with
//     a fallback, end := strings.IndexByte(x, '\n'); if end < 0
//     { end = len(x) }: the first line, or the whole of a one-line x. Of
//     an array the function sized itself at run time, only constant
//     bounds, and bounds found in x's contents (i := bytes.IndexByte(x,
//     '\n')), count as small; of data read from outside (a file, a body,
//     a command's output), any bound does;
//   - the part may also be cut in place: after v = v[:k], outside any
//     loop, in a function that does not append to v, where k is small by
//     its form (a positive constant, a clamp, a search for the first
//     separator: if i := strings.IndexByte(s, '\n'); i >= 0 { s = s[:i] },
//     but not a cut at the last newline, which keeps most of v), v
//     escaping later is the part on that path, and v[:k] is reported. A
//     use in a branch the cut does not reach (the other arm of its if,
//     or a use after a branch that returns, panics or breaks out once it
//     has cut: if code != 200 { data = data[:64]; return nil,
//     fmt.Errorf("%q", data) }) escapes the whole array and silences the
//     report;
//   - the parts do not tile the array: a single part, or several with small
//     constant bounds, taken outside any loop that does not allocate x anew,
//     from a buffer the function does not walk (x = x[n:]).
//
// A fresh result that no variable holds is sliced the same way:
// fetchAllRecords()[:10], returned, stored or kept by a literal, pins
// all the records the loader built, and nothing else can refer to them:
//
//	fetchAllRecords()[:10] keeps all of fetchAllRecords()'s backing array alive (returned by fetchAllRecords at line 16); copy the part you keep
//
// Without a variable the bounds cannot be clamped to the length, so only
// constant bounds (x()[:10], x()[2:5]) count: fetchAll()[:limit] may be
// most of the result.
//
// Parts made by splitting share memory the same way: the elements of
// strings.Split, SplitN, SplitAfter, SplitAfterN, Fields and FieldsFunc,
// and the before of strings.Cut (and their bytes twins) are pieces of the
// string they split. When it is a large fresh string or buffer (x as
// above, or a value no variable holds: strings.Split(string(out), "\n"),
// also trimmed), an element, or a small sub-list (lines[len(lines)-20:]),
// that escapes by one of the routes above is reported, while the other
// parts stay in the function:
//
//	lines[max(0, len(lines)-20):] keeps all of string(out)'s backing array alive (split by strings.Split at line 31); copy the part you keep
//
// Copying the list does not help (slices.Clone(lines[:5]) still holds
// the strings): copy each string you keep with strings.Clone. The
// suggested fix does that for a single string element; a sub-list, a
// byte-slice part and Cut's before get none.
//
// Functions of the program are followed one call deep, in the package and
// across packages (through an analysis fact), from a summary of each
// function's body (internal/paramflow):
//
//   - a function that keeps its string or slice parameter beyond the call
//     (stores it, or a part of it, in a field, a map as key or value, a
//     slice element, a package variable or through a pointer parameter,
//     directly, in a composite literal or appended; or sends it on a
//     channel) is an escape: r.add(s[:8]) with func (r *registry)
//     add(name string) { r.names = append(r.names, name) } keeps s's
//     array as surely as return s[:8];
//   - a function whose result is, on every return, a strict small part
//     of one parameter (a slice expression of it whose bound is small by
//     the rules above, also trimmed or through a local variable; an
//     element of strings.Split, SplitAfter or Fields of it, or their bytes
//     twins; a struct literal whose string and slice fields are such
//     parts, Entry{Name: fields[0], Size: n}; or nil, or "") makes a part
//     of what it is passed: return head(data), and
//     return parseEntry(string(out)) for a value no variable holds, are
//     reported at the call, with no suggested fix.
//
// The threshold is the flag -sliceretain.threshold (bytes, default 4096).
//
// Not reported, because the large array is alive or owned elsewhere anyway:
// slicing or splitting a parameter (the caller owns its memory); parts
// used only inside the function; parts that are copied (slices.Clone,
// bytes.Clone, strings.Clone, string(b), append(dst, part...)); x
// returned or stored itself, or every part of a split kept (in a loop, or
// the list itself); x[i:], whose size is unknown and often most of x, and
// so the remainder of SplitN (its last part) and Cut's after; x[:0],
// which starts an in-place filter that reuses the array.
//
// # Limits
//
// The escape analysis is intraprocedural and conservative: when x or a
// derived value is passed to a function the analyzer does not know cannot
// keep it, or captured by a closure that does not escape for certain, it
// stays silent.
// Helpers are followed one step: a helper that hands its parameter on to
// another function that stores it, one that builds its result in steps
// (e := Entry{}; e.Name = fields[0]), or one that returns a piece of a
// SplitN or of Cut, is not summarised, and parts kept once per line in a
// loop tile the array and stay unreported as above. Of the
// library calls that return a piece of their argument, only the splits
// above and the Trim functions of strings and bytes (strings.TrimSpace)
// are followed; strings.Lines, the Seq iterators and strings.CutPrefix are
// not. Of the standard library, only the readers listed above and
// exec.Cmd's Output and CombinedOutput count as returning fresh buffers:
// strings.Join allocates too, but sized by its input, usually small. How
// large a fresh buffer is remains unknown: a file or a command's output
// counts as large even when it holds one line (a VERSION file, a /proc
// entry), and a packet as small even where packets fill the buffer
// (jumbo frames read into a 9000-byte buffer); suppress the report there.
// Only a packet read into the whole of x counts as a packet's length:
// conn.ReadFrom(x[8:]) counts what was written. A function is known to return fresh
// buffers only when every return gives one and the buffer is kept nowhere
// else; named results with naked returns are not followed, nor are parts
// assigned to named results or to variables assigned again. A bound
// clamped against something other than the length
// (if n > limit { n = limit }) is not followed and counts as a count of
// what was written, and a bound computed from the length in any other way
// (len(x)/2) counts as the whole of x, so parts such as the second half of
// a buffer are left alone. A list of parts (or a sub-list) copied into a
// local variable or passed to a call that may keep it silences the report
// unless it escapes for certain; ranging over the list with an element
// that escapes keeps every part, and so does keeping every element by
// constant index under a guard that leaves unless the list has exactly
// that many (if len(f) != 2 { return }; return f[0], f[1]: the parts are
// the source but its separators). A lower bound (len(f) < 2), or only some
// of the elements, keeps reporting. An element of SplitN whose index is its
// last (or not constant) counts as the unsplit remainder.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the reported line or the
// line above it:
//
//	return hdr[:16] //trapvet:ignore sliceretain the file is at most 64 bytes
package sliceretain
