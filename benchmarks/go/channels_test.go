// Go twins of dev.spindle.bench.channels.ChannelBench and ChannelScaleBench: the same scenarios with
// Go's own channels and select, so the "Go" column of docs/benchmarks.md can be reproduced. Each
// benchmark moves b.N messages, so ns/op is nanoseconds per message (per round trip for PingPong, per
// select for Select2Producers* and SelectN, per send+receive pair for Uncontended), the unit of the
// JMH score. ParallelChannels is the one exception to "b.N messages": see its comment.
//
// A twin of a JMH method with parameters is a sub-benchmark per parameter value, named param=value
// as in JMH (BenchmarkMpmc/producers=4 is mpmc with producers=4); benchmarks/scripts/jmh_table.py
// pairs them up by those names. The older twins put the capacity into the name instead
// (BenchmarkBufferedSpsc16).
//
// As in the JMH class, every role runs on a goroutine of its own started for the run, the benchmark
// goroutine only starts and waits for them, the values sent are i&127, and the consumers check that
// they received exactly the sum that was sent.
package bench

import (
	"fmt"
	"sync"
	"testing"
	"time"
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
func BenchmarkMpmc4x4(b *testing.B) { mpmc(b, 4) }

// mpmc runs side producers and side consumers on one channel of capacity 1024, b.N messages in all,
// split as evenly as b.N allows.
func mpmc(b *testing.B, side int) {
	ch := make(chan int, 1024)
	sums := make([]int, side)
	roles := make([]func(), 0, 2*side)
	want := 0
	for k := 0; k < side; k++ {
		count := share(b.N, side, k)
		want += sumOf(count)
		roles = append(roles, func() { produce(ch, count) })
		slot := k
		roles = append(roles, func() { sums[slot] = consume(ch, count) })
	}
	crew(roles...)
	check(b, total(sums), want)
}

// share is part k of total split over parts as evenly as it goes (the first ones get one more).
func share(total, parts, k int) int {
	return total/parts + boolToInt(k < total%parts)
}

func total(sums []int) int {
	t := 0
	for _, s := range sums {
		t += s
	}
	return t
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

// The twins of ChannelScaleBench.

const (
	parallelMessages = 1000000 // messages per ParallelChannels round, over all pairs (JMH: PARALLEL_MESSAGES)
	parallelCapacity = 16      // each pair's channel
	fanInInputs      = 16      // producers merged by FanIn
	fanInCapacity    = 16      // each FanIn producer's channel
)

// BenchmarkParallelChannels/pairs=N: N independent producer/consumer pairs, each on its own channel of
// capacity 16, all at once (jox's headline shape). As one JMH invocation, one round moves
// parallelMessages messages in all, split evenly over the pairs (100 per pair at 10000 pairs), and
// starts the 2N goroutines. So that the messages per pair, the shape, do not depend on b.N, the
// benchmark runs ceil(b.N/parallelMessages) whole rounds and reports ns/op per message moved with
// b.ReportMetric (the iteration count printed is b.N, not the messages moved). The channels are made
// once per run, outside the timing, as JMH makes them once per trial.
func BenchmarkParallelChannels(b *testing.B) {
	for _, pairs := range []int{1, 100, 10000} {
		pairs := pairs
		b.Run(fmt.Sprintf("pairs=%d", pairs), func(b *testing.B) { parallelChannels(b, pairs) })
	}
}

func parallelChannels(b *testing.B, pairs int) {
	chans := make([]chan int, pairs)
	for k := range chans {
		chans[k] = make(chan int, parallelCapacity)
	}
	rounds := (b.N + parallelMessages - 1) / parallelMessages
	b.ResetTimer()
	start := time.Now()
	for r := 0; r < rounds; r++ {
		sums := make([]int, pairs)
		roles := make([]func(), 0, 2*pairs)
		want := 0
		for k := range chans {
			ch, slot, count := chans[k], k, share(parallelMessages, pairs, k)
			roles = append(roles,
				func() { produce(ch, count) },
				func() { sums[slot] = consume(ch, count) })
			want += sumOf(count)
		}
		crew(roles...)
		check(b, total(sums), want)
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(rounds*parallelMessages), "ns/op")
}

// BenchmarkMpmc/producers=P: P producers and P consumers on one channel of capacity 1024, b.N
// messages in all, split evenly over the producers and over the consumers.
func BenchmarkMpmc(b *testing.B) {
	for _, p := range []int{1, 2, 4, 8, 16} {
		p := p
		b.Run(fmt.Sprintf("producers=%d", p), func(b *testing.B) { mpmc(b, p) })
	}
}

// merge is the fan-in of the Go blog's pipelines article (go.dev/blog/pipelines): one goroutine per
// input forwards into an unbuffered output, which one more goroutine closes once every forwarder is
// done. Go's standard library has no merge; this is the one Go programmers copy.
func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	wg.Add(len(cs))
	for _, c := range cs {
		go func(c <-chan int) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// BenchmarkFanIn: 16 producers, each on its own channel of capacity 16, send b.N messages in all and
// close their channel; merge forwards them into one unbuffered channel, and one consumer ranges over
// it until it is closed. One op = one message through producer, forwarder and consumer.
func BenchmarkFanIn(b *testing.B) {
	inputs := make([]chan int, fanInInputs)
	sources := make([]<-chan int, fanInInputs)
	for k := range inputs {
		inputs[k] = make(chan int, fanInCapacity)
		sources[k] = inputs[k]
	}
	out := merge(sources...)
	roles := make([]func(), 0, fanInInputs+1)
	want, sum := 0, 0
	for k := range inputs {
		in, count := inputs[k], share(b.N, fanInInputs, k)
		roles = append(roles, func() {
			produce(in, count)
			close(in)
		})
		want += sumOf(count)
	}
	roles = append(roles, func() {
		for v := range out {
			sum += v
		}
	})
	crew(roles...)
	check(b, sum, want)
}

// BenchmarkSelectN/channels=C/capacity=K: C channels of capacity K (0 = unbuffered, or 16), each fed
// by its own producer (b.N messages in all, split evenly); one consumer does b.N selects over all of
// them. The select statements are written out by hand for 2, 4 and 8 cases (receive2, receive4,
// receive8), as a Go programmer writes a select over a fixed set of channels; reflect.Select, Go's
// only N-way select, is much slower and not what Go code uses for a known number of channels.
func BenchmarkSelectN(b *testing.B) {
	receivers := map[int]func([]chan int, int) int{2: receive2, 4: receive4, 8: receive8}
	for _, channels := range []int{2, 4, 8} {
		for _, capacity := range []int{0, 16} {
			channels, capacity := channels, capacity
			b.Run(fmt.Sprintf("channels=%d/capacity=%d", channels, capacity), func(b *testing.B) {
				selectN(b, channels, capacity, receivers[channels])
			})
		}
	}
}

func selectN(b *testing.B, channels, capacity int, receive func([]chan int, int) int) {
	chans := make([]chan int, channels)
	for k := range chans {
		chans[k] = make(chan int, capacity)
	}
	n, sum, want := b.N, 0, 0
	roles := make([]func(), 0, channels+1)
	for k := range chans {
		ch, count := chans[k], share(n, channels, k)
		roles = append(roles, func() { produce(ch, count) })
		want += sumOf(count)
	}
	roles = append(roles, func() { sum = receive(chans, n) })
	crew(roles...)
	check(b, sum, want)
}

// receive2 does n selects over cs[0] and cs[1] and returns the sum of what it received.
func receive2(cs []chan int, n int) int {
	c0, c1 := cs[0], cs[1]
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-c0:
			sum += v
		case v := <-c1:
			sum += v
		}
	}
	return sum
}

// receive4 does n selects over cs[0..3].
func receive4(cs []chan int, n int) int {
	c0, c1, c2, c3 := cs[0], cs[1], cs[2], cs[3]
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-c0:
			sum += v
		case v := <-c1:
			sum += v
		case v := <-c2:
			sum += v
		case v := <-c3:
			sum += v
		}
	}
	return sum
}

// receive8 does n selects over cs[0..7].
func receive8(cs []chan int, n int) int {
	c0, c1, c2, c3, c4, c5, c6, c7 := cs[0], cs[1], cs[2], cs[3], cs[4], cs[5], cs[6], cs[7]
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-c0:
			sum += v
		case v := <-c1:
			sum += v
		case v := <-c2:
			sum += v
		case v := <-c3:
			sum += v
		case v := <-c4:
			sum += v
		case v := <-c5:
			sum += v
		case v := <-c6:
			sum += v
		case v := <-c7:
			sum += v
		}
	}
	return sum
}
