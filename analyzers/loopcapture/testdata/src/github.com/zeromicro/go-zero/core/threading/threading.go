// Package threading is a stub of go-zero's core/threading.
package threading

import "context"

func GoSafe(fn func()) { go fn() }

func GoSafeCtx(ctx context.Context, fn func()) { go fn() }

func RunSafe(fn func()) { fn() }

type RoutineGroup struct{}

func NewRoutineGroup() *RoutineGroup { return &RoutineGroup{} }

func (g *RoutineGroup) Run(fn func()) { go fn() }

func (g *RoutineGroup) RunSafe(fn func()) { go fn() }

func (g *RoutineGroup) Wait() {}
