package wasm

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/paycore/paycore/hosts/wasm/internal/repo"
)

// ModuleFileName is the file name of the built guest module.
const ModuleFileName = "paycore.wasm"

// ModuleEnv names the environment variable that, when set, is the path of the module.
const ModuleEnv = "PAYCORE_WASM"

// ModulePath finds the module the way New does by default:
//
//  1. $PAYCORE_WASM, if set (it must exist);
//  2. paycore.wasm next to the running executable (`make build` puts bin/paycore and
//     bin/paycore.wasm side by side);
//  3. bin/paycore.wasm in the paycore repository containing the working directory
//     (for `go run` from a checkout).
//
// It returns a *ModuleNotFoundError listing the places it tried.
func ModulePath() (string, error) {
	var tried []string
	if p := os.Getenv(ModuleEnv); p != "" {
		if isFile(p) {
			return p, nil
		}
		return "", &ModuleNotFoundError{Tried: []string{ModuleEnv + "=" + p}}
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		p := filepath.Join(filepath.Dir(exe), ModuleFileName)
		if isFile(p) {
			return p, nil
		}
		tried = append(tried, p)
	}
	if wd, err := os.Getwd(); err == nil {
		if root, ok := repo.Root(wd); ok {
			p := filepath.Join(root, "bin", ModuleFileName)
			if isFile(p) {
				return p, nil
			}
			tried = append(tried, p)
		}
	}
	return "", &ModuleNotFoundError{Tried: tried}
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func readModule(cfg *config) ([]byte, error) {
	if cfg.moduleBytes != nil {
		return cfg.moduleBytes, nil
	}
	path := cfg.modulePath
	if path == "" {
		var err error
		if path, err = ModulePath(); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &ModuleNotFoundError{Tried: []string{path}}
	}
	return data, err
}
