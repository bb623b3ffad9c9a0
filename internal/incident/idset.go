package incident

import (
	"encoding/binary"
	"hash/maphash"
)

// idSet is the set of ids seen, with the line of the row that first had
// each. It is compact, since it is the one thing a Reader keeps for every
// row: a 64-bit hash of each id points into one byte arena that holds the
// id and its line, so that a hash match is confirmed by comparing the ids
// themselves before a row is called a duplicate.
type idSet struct {
	seed  maphash.Seed
	first map[uint64]uint64 // hash -> offset in arena
	arena []byte            // per id: uvarint line, uvarint length, the id
	// other holds the rare ids whose hash equals that of a different,
	// earlier id.
	other map[string]int
}

func newIDSet() idSet {
	return idSet{seed: maphash.MakeSeed(), first: make(map[uint64]uint64)}
}

// add records id as first seen on line, unless it was seen before: then
// it returns the line of its first row and true.
func (s *idSet) add(id string, line int) (first int, seen bool) {
	h := maphash.String(s.seed, id)
	off, ok := s.first[h]
	if !ok {
		s.first[h] = uint64(len(s.arena))
		s.arena = binary.AppendUvarint(s.arena, uint64(line))
		s.arena = binary.AppendUvarint(s.arena, uint64(len(id)))
		s.arena = append(s.arena, id...)
		return 0, false
	}
	b := s.arena[off:]
	l, n := binary.Uvarint(b)
	b = b[n:]
	size, n := binary.Uvarint(b)
	if string(b[n:n+int(size)]) == id {
		return int(l), true
	}
	if first, ok := s.other[id]; ok {
		return first, true
	}
	if s.other == nil {
		s.other = make(map[string]int)
	}
	s.other[id] = line
	return 0, false
}
