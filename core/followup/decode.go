package followup

import "github.com/paycore/paycore/core/problem"

// decode decodes an intent strictly: unknown keys are BAD_INPUT with their path in
// the intent and a "did you mean" (problem.DecodeStrict locates them), values of the
// wrong JSON type BAD_JSON.
func decode[T any](input []byte, in *T) *problem.Error {
	return problem.From(problem.DecodeStrict(input, in))
}
