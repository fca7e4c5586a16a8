package lifecycle

import "github.com/paycore/paycore/core/problem"

// concrete turns an exported function's (value, error) into (value, *problem.Error)
// for assertions on the code, reason and field.
func concrete[T any](v T, err error) (T, *problem.Error) { return v, problem.From(err) }
