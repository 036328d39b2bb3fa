// Go twins of dev.spindle.bench.channels.ChannelBench: the same scenarios with Go's own channels and
// select, so the "Go" column of docs/benchmarks.md can be reproduced. Each benchmark moves b.N
// messages, so ns/op is nanoseconds per message (per round trip for PingPong, per select for
// Select2Producers*, per send+receive pair for Uncontended), the unit of the JMH score.
//
// As in the JMH class, every role runs on a goroutine of its own started for the run, the benchmark
// goroutine only starts and waits for them, the values sent are i&127, and the consumers check that
// they received exactly the sum that was sent.
package bench

import (
	"sync"
	"testing"
)

// sumOf is what one producer sending count messages (values i&127) sends in total.
func sumOf(count int) int {
	full, rest := count/128, count%128
	return full*(127*128/2) + rest*(rest-1)/2
}

func check(b *testing.B, received, sent int) {
	if received != sent {
		b.Fatalf("received a sum of %d but %d was sent", received, sent)
	}
}

// crew runs every role on its own goroutine and waits for all of them.
func crew(roles ...func()) {
	var wg sync.WaitGroup
	wg.Add(len(roles))
	for _, role := range roles {
		go func(role func()) {
			defer wg.Done()
			role()
		}(role)
	}
	wg.Wait()
}

func produce(ch chan<- int, count int) {
	for i := 0; i < count; i++ {
		ch <- i & 127
	}
}

func consume(ch <-chan int, count int) int {
	acc := 0
	for i := 0; i < count; i++ {
		acc += <-ch
	}
	return acc
}

// BenchmarkPingPong: two unbuffered channels; one goroutine sends on ping and waits on pong, the
// other echoes. One op = one round trip.
func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	n, sum := b.N, 0
	crew(
		func() {
			for i := 0; i < n; i++ {
				ping <- i & 127
				sum += <-pong
			}
		},
		func() {
			for i := 0; i < n; i++ {
				pong <- <-ping
			}
		})
	check(b, sum, sumOf(n))
}

func spsc(b *testing.B, capacity int) {
	ch := make(chan int, capacity)
	n, sum := b.N, 0
	crew(func() { produce(ch, n) }, func() { sum = consume(ch, n) })
	check(b, sum, sumOf(n))
}

// BenchmarkUnbufferedSpsc: one producer, one consumer, one unbuffered channel.
func BenchmarkUnbufferedSpsc(b *testing.B) { spsc(b, 0) }

// BenchmarkBufferedSpsc16 and BenchmarkBufferedSpsc1024: the same over a buffered channel.
func BenchmarkBufferedSpsc16(b *testing.B)   { spsc(b, 16) }
func BenchmarkBufferedSpsc1024(b *testing.B) { spsc(b, 1024) }

// BenchmarkMpmc4x4: 4 producers and 4 consumers on one channel of capacity 1024, b.N messages in
// all, split as evenly as b.N allows.
func BenchmarkMpmc4x4(b *testing.B) {
	const side = 4
	ch := make(chan int, 1024)
	sums := make([]int, side)
	roles := make([]func(), 0, 2*side)
	want := 0
	for k := 0; k < side; k++ {
		count := b.N/side + boolToInt(k < b.N%side)
		want += sumOf(count)
		roles = append(roles, func() { produce(ch, count) })
		slot := k
		roles = append(roles, func() { sums[slot] = consume(ch, count) })
	}
	crew(roles...)
	got := 0
	for _, s := range sums {
		got += s
	}
	check(b, got, want)
}

func boolToInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

func select2Producers(b *testing.B, capacity int) {
	x, y := make(chan int, capacity), make(chan int, capacity)
	n, sum := b.N, 0
	crew(
		func() { produce(x, n/2) },
		func() { produce(y, n-n/2) },
		func() {
			for i := 0; i < n; i++ {
				select {
				case v := <-x:
					sum += v
				case v := <-y:
					sum += v
				}
			}
		})
	check(b, sum, sumOf(n/2)+sumOf(n-n/2))
}

// BenchmarkSelect2Producers0 and BenchmarkSelect2Producers1024: two producers, each on its own
// channel of that capacity, send b.N/2 each; one consumer does b.N selects over both.
func BenchmarkSelect2Producers0(b *testing.B)    { select2Producers(b, 0) }
func BenchmarkSelect2Producers1024(b *testing.B) { select2Producers(b, 1024) }

// BenchmarkUncontended: one goroutine sends then receives on a channel of capacity 1.
func BenchmarkUncontended(b *testing.B) {
	ch := make(chan int, 1)
	n, sum := b.N, 0
	crew(func() {
		for i := 0; i < n; i++ {
			ch <- i & 127
			sum += <-ch
		}
	})
	check(b, sum, sumOf(n))
}
