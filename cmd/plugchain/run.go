package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/plugchain/plugchain"
)

// chainFile is the format of --chain.
type chainFile struct {
	Plugins []struct {
		Path        string            `json:"path"`
		ID          int64             `json:"id"`
		TeamID      int64             `json:"team_id"`
		Config      map[string]any    `json:"config"`
		Attachments map[string]string `json:"attachments"`
	} `json:"plugins"`
}

func runCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	chainPath := fs.String("chain", "", "chain file: {\"plugins\":[{\"path\":DIR,\"config\":{...},\"attachments\":{KEY:FILE}}]}")
	keepDropped := fs.Bool("keep-dropped", false, "print null for a dropped event so output lines align with input lines")
	geoip := fs.String("geoip", "", "MaxMind .mmdb file for meta.geoip")
	timeout := fs.Duration("timeout", plugchain.DefaultTimeout, "time limit of each plugin call")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	dirs := fs.Args()
	if (*chainPath == "") == (len(dirs) == 0) {
		fmt.Fprint(stderr, "plugchain run: give either --chain CHAIN.json or plugin directories\n", usage)
		return 2
	}
	if *geoip != "" {
		fmt.Fprintln(stderr, "plugchain run: --geoip: not supported yet")
		return 2
	}

	logs := &stderrSink{w: stderr}
	chain := plugchain.New(plugchain.WithTimeout(*timeout), plugchain.WithLogSink(logs))
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.Background(), *timeout)
		defer cancel()
		if err := chain.Close(closeCtx); err != nil {
			fmt.Fprintf(stderr, "plugchain: %v\n", err)
		}
	}()
	var err error
	if *chainPath != "" {
		err = loadChainFile(ctx, chain, *chainPath)
	} else {
		err = loadDirs(ctx, chain, dirs)
	}
	if err != nil {
		fmt.Fprintf(stderr, "plugchain: %v\n", err)
		return 1
	}
	return processStream(ctx, chain, stdin, stdout, stderr, *keepDropped)
}

func loadChainFile(ctx context.Context, chain *plugchain.Chain, path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var cf chainFile
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	base := filepath.Dir(path)
	plugins := map[string]*plugchain.Plugin{}
	for i, pc := range cf.Plugins {
		if pc.Path == "" {
			return fmt.Errorf("%s: plugins[%d]: missing \"path\"", path, i)
		}
		dir := resolve(base, pc.Path)
		p := plugins[dir]
		if p == nil {
			if p, err = plugchain.LoadPlugin(dir); err != nil {
				return err
			}
			plugins[dir] = p
		}
		attachments := map[string]plugchain.Attachment{}
		for key, file := range pc.Attachments {
			file = resolve(base, file)
			contents, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("%s: plugins[%d]: attachment %q: %w", path, i, key, err)
			}
			ct := mime.TypeByExtension(filepath.Ext(file))
			if ct == "" {
				ct = "application/octet-stream"
			}
			attachments[key] = plugchain.Attachment{ContentType: ct, FileName: filepath.Base(file), Contents: contents}
		}
		if _, err := chain.Add(ctx, plugchain.PluginConfig{
			ID: pc.ID, TeamID: pc.TeamID, Plugin: p, Config: pc.Config, Attachments: attachments,
		}); err != nil {
			return err
		}
	}
	return nil
}

func resolve(base, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
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
func processStream(ctx context.Context, chain *plugchain.Chain, stdin io.Reader, stdout, stderr io.Writer, keepDropped bool) int {
	in := bufio.NewReaderSize(stdin, 1<<16)
	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	bad := 0
	for lineNo := 1; ; lineNo++ {
		line, readErr := in.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
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
