package a

// The caller-write rule inside the package: GetProject's result written
// without the lock, and with it.

func (c *ProjectCache) Pause(id string) {
	p := c.GetProject(id)
	p.Status = "paused" // want `assignment to p.Status writes the \*ProjectInfo that c.GetProject returns from c.projects without holding c.mu`
}

func (c *ProjectCache) Touch(id string) {
	p := c.GetProject(id)
	c.mu.Lock()
	p.Status = "seen"
	c.mu.Unlock()
}

func pauseAll(c *ProjectCache, ids []string) {
	for _, id := range ids {
		c.GetProject(id).Status = "paused" // want `assignment to c.GetProject\(id\).Status writes the \*ProjectInfo`
	}
}
