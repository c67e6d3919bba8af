package loggen_test

import (
	"fmt"
	"os"
	"time"

	"github.com/threatmap/threatmap/internal/loggen"
)

func ExampleWrite() {
	st, err := loggen.Write(os.Stdout, loggen.Config{
		Seed:     1,
		Lines:    3,
		Start:    time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC),
		Visitors: 1000,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st.Lines, "lines,", st.Kinds[loggen.Legit], "legit")
	// Output:
	// 16.205.118.216 - - [01/Oct/2026:00:00:00 +0000] "GET /products/cedar-soap-bar HTTP/1.1" 200 13970 "https://www.bing.com/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0"
	// 16.205.118.216 - - [01/Oct/2026:00:00:03 +0000] "GET /products/wool-socks-3pk HTTP/1.1" 200 14709 "https://shop.example.com/products/cedar-soap-bar" "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0"
	// 16.205.118.216 - - [01/Oct/2026:00:00:06 +0000] "GET /products/leather-belt HTTP/1.1" 200 13245 "https://shop.example.com/products/wool-socks-3pk" "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0"
	// 3 lines, 3 legit
}
