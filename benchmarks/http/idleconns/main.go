// Command idleconns opens N keep-alive connections to a server, sends one GET / on each, holds
// them idle, then prints the server's /proc/PID/status memory lines and how many of the
// connections still answer a second request. Used by benchmarks/http/run.sh when IDLE_CONNS > 0.
// Built without a module: GO111MODULE=off go build .
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type conn struct {
	c net.Conn
	r *bufio.Reader
}

func get(c *conn) error {
	c.c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c.c, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"); err != nil {
		return err
	}
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return err
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "server address")
	n := flag.Int("n", 10000, "connections")
	status := flag.String("status", "", "/proc/PID/status of the server")
	hold := flag.Duration("hold", 3*time.Second, "idle time before measuring")
	flag.Parse()

	conns := make([]*conn, *n)
	var failed int64
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < 100; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				nc, err := net.DialTimeout("tcp", *addr, 10*time.Second)
				if err != nil {
					atomic.AddInt64(&failed, 1)
					continue
				}
				c := &conn{nc, bufio.NewReader(nc)}
				if err := get(c); err != nil {
					atomic.AddInt64(&failed, 1)
					nc.Close()
					continue
				}
				conns[i] = c
			}
		}()
	}
	start := time.Now()
	for i := 0; i < *n; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	fmt.Printf("opened=%d failed=%d in %v\n", int64(*n)-failed, failed, time.Since(start))
	time.Sleep(*hold)
	if *status != "" {
		b, err := os.ReadFile(*status)
		if err == nil {
			for _, l := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "Threads") {
					fmt.Println(l)
				}
			}
		}
	}
	// How many of them did the server keep? A second request on every held connection.
	var alive int64
	sem := make(chan struct{}, 100)
	for _, c := range conns {
		if c == nil {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(c *conn) {
			defer func() { <-sem; wg.Done() }()
			if get(c) == nil {
				atomic.AddInt64(&alive, 1)
			}
			c.c.Close()
		}(c)
	}
	wg.Wait()
	fmt.Printf("open=%d (answered a second request after %v idle)\n", alive, *hold)
}
