package flows

import "bytes"

// PostsImporter loads a peta jabatan (each OPD's posts and their seats)
// sent in chat with /impor.
type PostsImporter interface {
	// IsPostsFile tells a peta jabatan from the other files by its header.
	IsPostsFile(data []byte) bool
	// ImportAll is RosterImporter's: all rows or none.
	RosterImporter
}

// importPosts loads a peta jabatan: it replaces the posts of each OPD it
// names.
func (c *Console) importPosts(t *Turn, f *FileRef, data []byte) error {
	summary, problems, err := c.Posts.ImportAll(t.Ctx, bytes.NewReader(data), c.Now())
	return c.importAnswered(t, f, "peta jabatan", txtPostsImported, summary, problems, err)
}
