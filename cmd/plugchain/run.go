package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/geoip"
)

func runCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	chainPath := fs.String("chain", "", "chain file: {\"plugins\":[{\"path\":DIR,\"config\":{...},\"attachments\":{KEY:FILE}}]}")
	keepDropped := fs.Bool("keep-dropped", false, "print null for a dropped event so output lines align with input lines")
	geoipPath := fs.String("geoip", "", "MaxMind City database (.mmdb) for meta.geoip.locate")
	timeout := fs.Duration("timeout", plugchain.DefaultTimeout, "time limit of each plugin call")
	capturedPath := fs.String("captured", "", "file to write events from posthog.capture to, as JSON lines (default: stderr)")
	tz := fs.String("tz", "UTC", "IANA time zone plugin code runs in")
	allowPrivate := fs.Bool("allow-private-networks", false, "let fetch reach loopback, private and link-local addresses")
	waitJobs := fs.Duration("wait-jobs", 0, "at end of input, wait up to this long for queued jobs (meta.jobs, export retries) to run")
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if (*chainPath == "") == (len(dirs) == 0) {
		fmt.Fprint(stderr, "plugchain run: give either --chain CHAIN.json or plugin directories\n", usage)
		return 2
	}
	if *timeout <= 0 {
		fmt.Fprintf(stderr, "plugchain run: --timeout must be positive, got %s\n", *timeout)
		return 2
	}
	if *waitJobs < 0 {
		fmt.Fprintf(stderr, "plugchain run: --wait-jobs must not be negative, got %s\n", *waitJobs)
		return 2
	}

	loc, err := time.LoadLocation(*tz)
	if err != nil {
		fmt.Fprintf(stderr, "plugchain run: --tz: %v\n", err)
		return 2
	}
	logs := &stderrSink{w: stderr}
	captured := &jsonLines{mu: &logs.mu, w: stderr}
	if *capturedPath != "" {
		f, err := os.Create(*capturedPath)
		if err != nil {
			fmt.Fprintf(stderr, "plugchain run: --captured: %v\n", err)
			return 2
		}
		// Deferred before the chain's Close, so it runs after it: nothing captures any more.
		defer func() {
			if err := captured.close(); err != nil {
				fmt.Fprintf(stderr, "plugchain run: --captured: %v\n", err)
			}
		}()
		bw := bufio.NewWriter(f)
		captured = &jsonLines{mu: &sync.Mutex{}, w: bw, flush: bw.Flush, file: f}
	}
	opts := []plugchain.Option{
		plugchain.WithTimeout(*timeout), plugchain.WithLogSink(logs), plugchain.WithHeapLimit(cliHeapLimit),
		plugchain.WithCapturer(captured), plugchain.WithTimeZone(loc),
	}
	if *allowPrivate {
		opts = append(opts, plugchain.WithHTTP(plugchain.NewHTTPClient(plugchain.HTTPClientOptions{AllowPrivateNetworks: true, Timeout: *timeout})))
	}
	if *geoipPath != "" {
		db, err := geoip.Open(*geoipPath)
		if err != nil {
			fmt.Fprintf(stderr, "plugchain run: --geoip: %v\n", err)
			return 2
		}
		// Deferred before the chain's Close, so it runs after it: no lookup can be running.
		defer db.Close()
		opts = append(opts, plugchain.WithGeoIP(db))
	}
	chain := plugchain.New(opts...)
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.Background(), *timeout)
		defer cancel()
		if err := chain.Close(closeCtx); err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "plugchain: ") {
				msg = "plugchain: " + msg
			}
			fmt.Fprintln(stderr, msg)
		}
	}()
	if *chainPath != "" {
		err = chain.AddChainFile(ctx, *chainPath)
	} else {
		err = loadDirs(ctx, chain, dirs)
	}
	if err != nil {
		fmt.Fprintf(stderr, "plugchain: %v\n", err)
		return 1
	}
	code := processStream(ctx, chain, stdin, stdout, stderr, *keepDropped)
	// Export what the buffers hold now, so failed batches can still be retried while waiting;
	// Close (deferred) tears the plugins down.
	if err := chain.Flush(ctx); err != nil {
		fmt.Fprintf(stderr, "plugchain: %v\n", err)
	}
	if *waitJobs > 0 {
		waitForJobs(ctx, chain, *waitJobs)
	}
	return code
}

// waitForJobs waits until the chain's queue is empty, for at most limit.
func waitForJobs(ctx context.Context, chain *plugchain.Chain, limit time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for chain.QueuedJobs() > 0 {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// parseInterspersed parses flags that may come before, between or after the plugin
// directories (`run DIR --keep-dropped` works too) and returns the directories. Everything
// after "--" is a directory.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var dirs []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := args[:len(args)-len(rest)]; len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			return append(dirs, rest...), nil
		}
		if len(rest) == 0 {
			return dirs, nil
		}
		dirs = append(dirs, rest[0])
		args = rest[1:]
	}
}

func loadDirs(ctx context.Context, chain *plugchain.Chain, dirs []string) error {
	for _, dir := range dirs {
		p, err := plugchain.LoadPlugin(dir)
		if err != nil {
			return err
		}
		if _, err := chain.Add(ctx, plugchain.PluginConfig{Plugin: p}); err != nil {
			return err
		}
	}
	return nil
}

// processStream runs each input line through the chain and writes the results in order.
// Blank lines are skipped; with keepDropped they print null like dropped events and malformed
// lines, so that output line n always belongs to input line n.
func processStream(ctx context.Context, chain *plugchain.Chain, stdin io.Reader, stdout, stderr io.Writer, keepDropped bool) int {
	in := bufio.NewReaderSize(stdin, 1<<16)
	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	bad := 0
	var long []byte // a line longer than in's buffer, gathered
	for lineNo := 1; ; lineNo++ {
		line, readErr := readLine(in, &long)
		blank := len(bytes.Trim(line, " \t\r\n")) == 0
		if blank && keepDropped && len(line) > 0 {
			out.WriteString("null\n")
		}
		if !blank {
			ev, err := plugchain.ParseEvent(line)
			if err != nil {
				bad++
				fmt.Fprintf(stderr, "plugchain: line %d: %v (skipped)\n", lineNo, err)
				if keepDropped {
					out.WriteString("null\n")
				}
			} else {
				res, err := chain.ProcessEvent(ctx, ev)
				if ctx.Err() != nil {
					fmt.Fprintf(stderr, "plugchain: %v\n", ctx.Err())
					return 1
				}
				_ = err // plugin errors are reported through the log sink as they happen
				if res != nil {
					_ = chain.OnEvent(ctx, res)
					b, err := res.MarshalJSON()
					if err != nil {
						fmt.Fprintf(stderr, "plugchain: line %d: %v\n", lineNo, err)
						b = []byte("null")
					}
					out.Write(b)
					out.WriteByte('\n')
				} else if keepDropped {
					out.WriteString("null\n")
				}
			}
		}
		if readErr != nil {
			if !errors.Is(readErr, io.EOF) {
				fmt.Fprintf(stderr, "plugchain: reading input: %v\n", readErr)
				return 1
			}
			break
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "plugchain: writing output: %v\n", err)
		return 1
	}
	if bad > 0 {
		fmt.Fprintf(stderr, "plugchain: %d malformed input line(s)\n", bad)
		return 1
	}
	return 0
}

// readLine returns the next line of in, with its newline if it has one. The line is in's
// buffer (or in *long, for a line longer than that), valid until the next call: the parser
// copies what it keeps, so a line need not be copied first.
func readLine(in *bufio.Reader, long *[]byte) ([]byte, error) {
	line, err := in.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return line, err
	}
	if cap(*long) > maxKeptLine {
		*long = nil // the last long line is done with: do not keep the largest one's room
	}
	*long = append((*long)[:0], line...)
	for errors.Is(err, bufio.ErrBufferFull) {
		line, err = in.ReadSlice('\n')
		*long = append(*long, line...)
	}
	return *long, err
}

// maxKeptLine is the most room (in bytes) readLine keeps for gathering long lines.
const maxKeptLine = 1 << 20

// jsonLines writes each captured event as one JSON line.
type jsonLines struct {
	mu    *sync.Mutex
	w     io.Writer
	flush func() error
	file  *os.File
}

func (j *jsonLines) Capture(_ context.Context, _ plugchain.PluginSource, ev *plugchain.Event) error {
	b, err := ev.MarshalJSON()
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	_, err = j.w.Write(append(b, '\n'))
	return err
}

func (j *jsonLines) close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	err := j.flush()
	if cerr := j.file.Close(); err == nil {
		err = cerr
	}
	return err
}

// stderrSink prints plugin console output and errors as plain lines.
type stderrSink struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *stderrSink) PluginLog(_ context.Context, src plugchain.PluginSource, level, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "[%s (%d)] console.%s: %s\n", src.Plugin, src.ConfigID, level, msg)
}

func (s *stderrSink) PluginError(_ context.Context, err *plugchain.PluginError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "[%s (%d)] error in %s: %v\n", err.Plugin, err.ConfigID, err.Method, err.Err)
}

// cliHeapLimit stops a plugin call that makes the heap grow past 2 GiB, so a plugin that
// allocates without bound fails instead of taking the process down.
const cliHeapLimit = 2 << 30
