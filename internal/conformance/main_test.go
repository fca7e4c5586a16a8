package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/testvectors"
)

func TestWritesEveryVectorWithItsNativeEnvelope(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "c.jsonl")
	require.NoError(t, run([]string{"-o", out}, nil, os.Stderr))
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	vs, err := testvectors.Load(testvectors.Dir())
	require.NoError(t, err)

	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 8<<20)
	var got []Case
	for sc.Scan() {
		var c Case
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		got = append(got, c)
	}
	require.NoError(t, sc.Err())
	require.Len(t, got, len(vs)+7)
	dec := base64.StdEncoding.DecodeString
	for i, v := range vs {
		require.Equal(t, v.Path, got[i].Name)
		op, err := dec(got[i].Op64)
		require.NoError(t, err)
		in, err := dec(got[i].In64)
		require.NoError(t, err)
		want, err := dec(got[i].Want64)
		require.NoError(t, err)
		require.Equal(t, v.Op, string(op))
		require.Equal(t, string(core.Handle(v.Op, in)), string(want), v.Path)
	}
}

func TestStdoutAndBadFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.NoError(t, run([]string{"-vectors", testvectors.Dir()}, &stdout, &stderr))
	require.Greater(t, bytes.Count(stdout.Bytes(), []byte("\n")), 7)
	require.Error(t, run([]string{"-nope"}, &stdout, &stderr))
	require.Error(t, run([]string{"-vectors", t.TempDir()}, &stdout, &stderr))
}
