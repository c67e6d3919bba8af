package classify

import (
	"bufio"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeInput returns br, or a reader of its text as UTF-8 when it is
// UTF-16 (a byte-order mark, or ASCII with every other byte zero, as SQL
// Server's ERRORLOG and logs saved by Windows tools are written); a UTF-8
// byte-order mark is skipped.
func decodeInput(br *bufio.Reader) *bufio.Reader {
	head, _ := br.Peek(4)
	switch {
	case len(head) >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF:
		br.Discard(3)
	case len(head) >= 2 && head[0] == 0xFF && head[1] == 0xFE:
		br.Discard(2)
		return bufio.NewReaderSize(&utf16Reader{r: br}, 64<<10)
	case len(head) >= 2 && head[0] == 0xFE && head[1] == 0xFF:
		br.Discard(2)
		return bufio.NewReaderSize(&utf16Reader{r: br, big: true}, 64<<10)
	case len(head) == 4 && head[0] >= 0x20 && head[0] < 0x7F && head[1] == 0 && head[2] >= 0x20 && head[2] < 0x7F && head[3] == 0:
		return bufio.NewReaderSize(&utf16Reader{r: br}, 64<<10)
	}
	return br
}

// utf16Reader reads UTF-16 text as UTF-8. A unit that is not valid (a lone
// surrogate, an odd last byte) becomes U+FFFD.
type utf16Reader struct {
	r   io.Reader
	big bool
	in  [32 << 10]byte
	n   int    // bytes of in not yet decoded
	out []byte // decoded bytes not yet returned
	buf []byte // out's space
	err error
}

func (u *utf16Reader) unit(i int) rune {
	if u.big {
		return rune(u.in[i])<<8 | rune(u.in[i+1])
	}
	return rune(u.in[i+1])<<8 | rune(u.in[i])
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		m, err := u.r.Read(u.in[u.n:])
		u.n += m
		u.err = err
		out := u.buf[:0]
		i := 0
		for i+1 < u.n {
			c := u.unit(i)
			if utf16.IsSurrogate(c) && c < 0xDC00 { // a high surrogate: a pair
				if i+3 >= u.n && u.err == nil {
					break // its second half comes with the next read
				}
				if i+3 < u.n {
					if r := utf16.DecodeRune(c, u.unit(i+2)); r != utf8.RuneError {
						out = utf8.AppendRune(out, r)
						i += 4
						continue
					}
				}
				c = utf8.RuneError
			} else if utf16.IsSurrogate(c) {
				c = utf8.RuneError
			}
			out = utf8.AppendRune(out, c)
			i += 2
		}
		u.n = copy(u.in[:], u.in[i:u.n])
		if u.err != nil && u.n > 0 { // an odd last byte
			out = utf8.AppendRune(out, utf8.RuneError)
			u.n = 0
		}
		u.buf, u.out = out, out
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}
