package core

import "context"

// Engine runs ops. The native engine calls Handle directly; the WebAssembly engine
// (hosts/wasm) runs the same Handle inside a wasip1 module. Both return the same
// envelope bytes for the same input. The error return is for the engine itself
// (context cancelled, engine closed), never for an op failure, which is an envelope.
type Engine interface {
	// Call runs op on input and returns the JSON envelope.
	Call(ctx context.Context, op string, input []byte) ([]byte, error)
	// Close releases the engine's resources. Calls after Close fail.
	Close(ctx context.Context) error
}

// Native is the Engine that runs the core in-process. The zero value is ready to use.
type Native struct{}

// Call implements Engine.
func (Native) Call(ctx context.Context, op string, input []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return Handle(op, input), nil
}

// Close implements Engine; the native engine holds nothing.
func (Native) Close(context.Context) error { return nil }
