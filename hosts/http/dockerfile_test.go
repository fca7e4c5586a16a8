package main

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDockerfileBuildsWhatCIBuilds checks that the Dockerfile's build stage runs
// the Makefile's paycore-http line, that the runtime stage is non-root with a
// health check, and that this very command yields a static executable that starts.
func TestDockerfileBuildsWhatCIBuilds(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	dockerfile, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	require.NoError(t, err)
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	require.NoError(t, err)

	var build string
	for _, line := range strings.Split(string(dockerfile), "\n") {
		if strings.HasPrefix(line, "RUN ") && strings.Contains(line, "./hosts/http") {
			build = strings.TrimPrefix(line, "RUN ")
		}
	}
	require.NotEmpty(t, build, "no RUN line building ./hosts/http in the Dockerfile")
	require.Contains(t, string(makefile), "\t"+strings.Replace(build, "go build", "$(GO) build", 1)+"\n")
	require.Contains(t, string(dockerfile), "RUN make wasm\n")
	for _, want := range []string{
		"FROM gcr.io/distroless/static-debian12:nonroot",
		"USER nonroot:nonroot",
		`HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/app/paycore-http", "probe"]`,
		"COPY --from=build /src/bin/paycore-http /src/bin/paycore.wasm /app/",
		`ENTRYPOINT ["/app/paycore-http"]`,
	} {
		require.Contains(t, string(dockerfile), want)
	}

	if runtime.GOOS != "linux" {
		return // the static check reads an ELF file
	}
	fields := strings.Fields(build)
	require.Equal(t, []string{"CGO_ENABLED=0", "go", "build"}, fields[:3])
	out := filepath.Join(t.TempDir(), "paycore-http")
	args := append([]string{}, fields[2:]...)
	for i, a := range args {
		if a == "-o" {
			args[i+1] = out
		}
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, string(msg))
	f, err := elf.Open(out)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		require.NotEqual(t, elf.PT_INTERP, p.Type, "paycore-http is dynamically linked")
	}
	libs, _ := f.ImportedLibraries()
	require.Empty(t, libs)
	help, err := exec.Command(out, "--help").CombinedOutput()
	require.NoError(t, err, string(help))
	require.Contains(t, string(help), "PAYCORE_ADDR")
}
