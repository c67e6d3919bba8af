package loggen

import (
	"bytes"
	"io"
	"time"
)

// Inputs for the hardening tests that are too large to commit (see
// testdata/hostile/README.md).

var hugeStart = time.Date(2026, time.October, 17, 3, 14, 0, 0, time.UTC)

// HugeLine returns one Apache combined line of exactly n bytes, the final
// newline included, made long by its user agent ("Mozilla/5.0 AAAA…").
// When n is shorter than the shortest such line, the shortest line is
// returned.
func HugeLine(n int) []byte {
	st := newStamper()
	head := `203.0.113.77 - - [` + string(st.stamp(hugeStart.UnixNano())) + `] "GET / HTTP/1.1" 200 11853 "-" "Mozilla/5.0 `
	const tail = "\"\n"
	pad := max(0, n-len(head)-len(tail))
	b := make([]byte, 0, len(head)+pad+len(tail))
	b = append(b, head...)
	b = append(b, bytes.Repeat([]byte{'A'}, pad)...)
	return append(b, tail...)
}

// SpoofedIPs writes n Apache combined lines (n ≤ 2³²), each from a
// different IPv4 address, as a flood with forged source addresses would
// leave them: "GET /" answered 400, spread evenly over one hour. The
// addresses are a seeded permutation of the whole IPv4 space, so about
// one in eight is private, reserved or multicast and must not be located.
// It returns the number of bytes written.
func SpoofedIPs(w io.Writer, n int, seed uint64) (int64, error) {
	st := newStamper()
	start := hugeStart.UnixNano()
	// x ↦ a·x + c (mod 2³²) with a odd, then xor-shifts: a bijection, so
	// distinct i give distinct addresses.
	a := uint32(seed)*2 + 0x9e3779b9 | 1
	c := uint32(seed >> 32)
	buf := make([]byte, 0, bufSize)
	var written int64
	for i := range n {
		x := uint32(i)*a + c
		x ^= x >> 16
		x *= 0x7feb352d
		x ^= x >> 15
		buf = appendIPv4(buf, x)
		buf = append(buf, " - - ["...)
		buf = append(buf, st.stamp(start+int64(i)*int64(time.Hour)/int64(max(n, 1)))...)
		buf = append(buf, `] "GET / HTTP/1.1" 400 226 "-" "-"`+"\n"...)
		if len(buf) > bufSize-maxLine || i == n-1 {
			m, err := w.Write(buf)
			written += int64(m)
			if err != nil {
				return written, err
			}
			buf = buf[:0]
		}
	}
	return written, nil
}
