package a

// A loader's fresh result sliced on the spot, with no variable holding it.

type digest struct {
	first []record
}

type recIndex struct {
	recent []record
	byName map[string][]record
}

// The article's example, written without the variable.
func firstTenInline() []PatientVisitRecord {
	return fetchAllRecords()[:10] // want `fetchAllRecords\(\)\[:10\] keeps all of fetchAllRecords\(\)'s backing array alive \(returned by fetchAllRecords at line \d+\); copy the part you keep`
}

// Kept by a struct literal that is returned.
func summarize(n int) digest {
	return digest{first: fetchAll(n)[:3]} // want `fetchAll\(n\)\[:3\] keeps all of fetchAll\(n\)'s backing array alive`
}

// Stored in a field and in a map.
func (x *recIndex) refresh(n int) {
	x.recent = fetchAll(n)[2:5]       // want `fetchAll\(n\)\[2:5\] keeps all of fetchAll\(n\)'s backing array`
	x.byName["top"] = fetchAll(n)[:1] // want `fetchAll\(n\)\[:1\] keeps all of fetchAll\(n\)'s backing array`
}

// Not reported: used on the spot.
func firstID(n int) int {
	top := fetchAll(n)[:1]
	return top[0].id
}

func countTop(n int) int {
	return len(fetchAll(n)[:10])
}

// Not reported: a run-time bound may be most of the result.
func (x *recIndex) keepLimit(n, limit int) {
	x.recent = fetchAll(n)[:limit]
}

// Not reported: an open-ended tail is most of the result.
func (x *recIndex) keepRest(n int) {
	x.recent = fetchAll(n)[1:]
}

// Not reported: a copy.
func (x *recIndex) keepCopy(n int) {
	x.recent = append([]record(nil), fetchAll(n)[:3]...)
}

// Not reported: a function whose result is not fresh (it keeps it too).
var lastLoaded []record

func loadAndKeep(n int) []record {
	lastLoaded = fetchAll(n)
	return lastLoaded
}

func (x *recIndex) keepShared(n int) {
	x.recent = loadAndKeep(n)[:3]
}
