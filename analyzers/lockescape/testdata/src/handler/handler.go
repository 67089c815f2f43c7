// Package handler changes what package cache hands out: the first
// article's handler, across packages.
package handler

import "cache"

func Pause(c *cache.Cache, id string) {
	project := c.GetProject(id)
	if project == nil {
		return
	}
	project.Status = "paused"                // want `assignment to project.Status writes the \*cache.Project that c.GetProject returns from c.projects without holding c.mu \(a data race\)`
	project.Tags = append(project.Tags, "p") // the same race, reported once
}

func Label(c *cache.Cache, id string) {
	p, ok := c.Lookup(id)
	if !ok {
		return
	}
	p.Labels["k"] = "v" // want `assignment to p.Labels\["k"\] writes the \*cache.Project that c.Lookup returns from c.projects`
}

func Bump(c *cache.Cache) {
	var m = c.Counts()
	m["hits"]++ // want `m\["hits"\]\+\+ writes the map\[string\]int that c.Counts returns from c.counts`
}

func Forget(c *cache.Cache) {
	delete(c.Counts(), "hits") // want `delete\(c.Counts\(\), "hits"\) writes the map\[string\]int that c.Counts returns`
}

func Direct(c *cache.Cache, id string) {
	c.GetProject(id).Status = "x" // want `assignment to c.GetProject\(id\).Status writes the \*cache.Project`
}

func Embedded(r *cache.Registry) {
	p := r.Find("a")
	p.Status = "x" // want `assignment to p.Status writes the \*cache.Project that r.Find returns from r.byName without holding r`
}

// Read only reads the project.
func Read(c *cache.Cache, id string) string {
	return c.GetProject(id).Status
}

// Copy writes a copy of the project, which shares no field it writes.
func Copy(c *cache.Cache, id string) {
	p := *c.GetProject(id)
	p.Status = "x"
	_ = p
}

// Snapshot writes the value Snapshot returned, a copy.
func Snapshot(c *cache.Cache, id string) {
	s := c.Snapshot(id)
	s.Status = "x"
	_ = s
}

// Fresh writes a pointer to a copy Fresh made.
func Fresh(c *cache.Cache, id string) {
	p := c.Fresh(id)
	p.Status = "x"
}

// ViaUpdate makes the change in a method that holds the lock.
func ViaUpdate(c *cache.Cache, id string) {
	c.Update(id, func(p *cache.Project) { p.Status = "paused" })
}

// Reassigned writes a project it made itself, after dropping the cached one.
func Reassigned(c *cache.Cache, id string) {
	p := c.GetProject(id)
	p = &cache.Project{ID: id}
	p.Status = "x"
}

// Rebind writes a copy of the cached project.
func Rebind(c *cache.Cache, id string) {
	p := c.GetProject(id)
	q := *p
	q.Status = "x"
	_ = q
}

// HeldLock writes under the handle's exported mutex.
func HeldLock(l *cache.Locked, id string) {
	p := l.Item(id)
	l.Mu.Lock()
	p.Status = "x"
	l.Mu.Unlock()
}

func NotHeld(l *cache.Locked, id string) {
	p := l.Item(id)
	p.Status = "x" // want `writes the \*cache.Project that l.Item returns from l.items without holding l.Mu`
}

// Retag writes into the project's tags, which no code of package cache
// uses under the lock: the write races with no holder of c.mu.
func Retag(c *cache.Cache, id string) {
	p := c.GetProject(id)
	p.Tags[0] = "x"
}

func TagItem(c *cache.Items) {
	it := c.Get("a")
	it.Meta.Tags["x"] = true // want `assignment to it.Meta.Tags\["x"\] writes the \*cache.Item that c.Get returns from c.m without holding c.mu`
}

// Hook sets a hook of an item: the hooks are another object, which no
// code of package cache uses under the lock.
func Hook(c *cache.Items) {
	it := c.Get("a")
	it.Hooks.OnEvict = func(string) {}
}
