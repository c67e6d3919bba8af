package classify

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
)

func encodeUTF16(s string, big, bom bool) []byte {
	var b []byte
	if bom {
		if big {
			b = append(b, 0xFE, 0xFF)
		} else {
			b = append(b, 0xFF, 0xFE)
		}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// oneByte returns its reader's bytes one at a time, so that every unit
// and surrogate pair is split across reads.
type oneByte struct{ r io.Reader }

func (o oneByte) Read(p []byte) (int, error) { return o.r.Read(p[:min(len(p), 1)]) }

func TestDecodeInput(t *testing.T) {
	text := "2026-11-27 10:00:01.00 Logon       Login failed for user 'sa'. [CLIENT: 203.0.113.9]\r\nZürich 🔑 ok\n"
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF-16LE with a mark", encodeUTF16(text, false, true), text},
		{"UTF-16BE with a mark", encodeUTF16(text, true, true), text},
		{"UTF-16LE without a mark", encodeUTF16(text, false, false), text},
		{"UTF-8 with a mark", append([]byte{0xEF, 0xBB, 0xBF}, text...), text},
		{"UTF-8", []byte(text), text},
		{"a lone surrogate and an odd last byte", append(encodeUTF16("ab", false, true), 0x00, 0xD8, 0x41, 0x00, 0x42), "ab\uFFFDA\uFFFD"},
		{"a high surrogate at the end", append(encodeUTF16("ab", false, true), 0x3D, 0xD8), "ab\uFFFD"},
	}
	for _, tc := range tests {
		for _, split := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(tc.in)
			if split {
				r = oneByte{r}
			}
			got, err := io.ReadAll(decodeInput(bufio.NewReaderSize(r, 64<<10)))
			if err != nil || string(got) != tc.want {
				t.Errorf("%s (split %v): %q, %v; want %q", tc.name, split, got, err, tc.want)
			}
		}
	}
}

// A UTF-16 file classifies as its UTF-8 text does.
func TestClassifyUTF16(t *testing.T) {
	text := strings.Join([]string{
		"Nov 27 10:00:01 h sshd[1]: Failed password for root from 198.51.100.7 port 22 ssh2",
		"Nov 27 10:00:02 h sshd[1]: Failed password for root from 198.51.100.7 port 22 ssh2",
	}, "\r\n") + "\r\n"
	_, want, _ := run(t, "", text, Options{})
	_, got, _ := run(t, "", string(encodeUTF16(text, false, true)), Options{})
	if len(want) == 0 || want["198.51.100.7"].Category != BruteForce || got["198.51.100.7"].Category != want["198.51.100.7"].Category {
		t.Errorf("UTF-16: %+v, UTF-8: %+v", got, want)
	}
}
