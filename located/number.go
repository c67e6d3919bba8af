package located

import "strconv"

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseFloat is strconv.ParseFloat(s, 64) with a fast path for the plain
// decimals of coordinates and weights (-12.3456, 5): at most 15 digits, so
// that the digits and the power of ten are exact float64s and their
// quotient is the correctly rounded value, as strconv's own exact path
// computes it. Anything else goes to strconv.
func parseFloat[T string | []byte](s T) (float64, error) {
	if v, n, ok := decimal(s); ok && n == len(s) {
		return v, nil
	}
	return strconv.ParseFloat(string(s), 64)
}

// decimal reads the number of parseFloat's fast path ([+-]digits[.digits],
// 1 to 15 digits) at the start of s: its value, and its length.
func decimal[T string | []byte](s T) (v float64, n int, ok bool) {
	i, neg := 0, false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg, i = s[0] == '-', 1
	}
	var mant uint64
	start := i
	for ; i < len(s) && s[i]-'0' <= 9; i++ {
		mant = mant*10 + uint64(s[i]-'0')
	}
	digits, frac := i-start, 0
	if i < len(s) && s[i] == '.' {
		i++
		start = i
		for ; i < len(s) && s[i]-'0' <= 9; i++ {
			mant = mant*10 + uint64(s[i]-'0')
		}
		frac = i - start
		digits += frac
	}
	if digits == 0 || digits > 15 {
		return 0, 0, false
	}
	v = float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, i, true
}

// atoi is strconv.Atoi with a fast path for up to 18 plain digits.
func atoi(b []byte) (int, error) {
	if len(b) == 0 || len(b) > 18 {
		return strconv.Atoi(string(b))
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return strconv.Atoi(string(b))
		}
		v = v*10 + int(c-'0')
	}
	return v, nil
}
