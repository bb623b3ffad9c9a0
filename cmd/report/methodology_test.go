package main

import (
	"io"
	"regexp"
	"strings"
	"testing"
)

// TestMethodologyFlags checks that the Methodology sheet's switches in
// force name every flag the usage text lists, so that a new flag is not
// left out of it: each has a topic of its own, but -out and -q, which
// change no figure, and -format, -delimiter and -sheet, which the -in
// topic words (how the input was read).
func TestMethodologyFlags(t *testing.T) {
	c, err := parseFlags([]string{"-format", "canonical", "-delimiter", "semicolon", "-sheet", "Attacks"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	topics := map[string]string{}
	for _, n := range c.methodology("canonical", false, nil, nil) {
		topics[n.Topic] = n.Text
	}
	flags := regexp.MustCompile(`(?m)^ +(-[a-z][a-z-]*)`).FindAllStringSubmatch(usage, -1)
	if len(flags) < 20 {
		t.Fatalf("found %d flags in the usage text, want every flag", len(flags))
	}
	in := map[string]string{"-format": "read as canonical", "-delimiter": "(-delimiter)", "-sheet": "(-sheet)"}
	for _, m := range flags {
		flag := m[1]
		switch want, ok := in[flag]; {
		case flag == "-out" || flag == "-q":
		case ok:
			if !strings.Contains(topics["-in"], want) {
				t.Errorf("Methodology -in = %q, want it to say %s", topics["-in"], want)
			}
		default:
			if topics[flag] == "" {
				t.Errorf("the Methodology sheet has no topic %s", flag)
			}
		}
	}
}
