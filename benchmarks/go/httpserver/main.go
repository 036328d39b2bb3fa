// Command httpserver is Go's net/http twin of the JVM servers of benchmarks/http/run.sh: GET /
// answers 200, Content-Type text/plain, the 13-byte body "Hello, World!", keep-alive.
// Usage: httpserver PORT (listens on 127.0.0.1).
package main

import (
	"log"
	"net/http"
	"os"
	"strconv"
)

var hello = []byte("Hello, World!")

func main() {
	port := "8080"
	if len(os.Args) > 1 {
		port = os.Args[1]
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/plain")
		h.Set("Content-Length", strconv.Itoa(len(hello)))
		w.Write(hello)
	})
	log.Printf("go net/http listening on 127.0.0.1:%s", port)
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, mux))
}
