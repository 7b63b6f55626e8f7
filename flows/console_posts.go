package flows

import "io"

// PostsImporter loads a peta jabatan (each OPD's posts and their seats)
// sent in chat with /impor; its ImportAll is RosterImporter's: all rows
// or none.
type PostsImporter interface{ RosterImporter }

// importPosts loads a peta jabatan: it replaces the posts of each OPD it
// names.
func (c *Console) importPosts(t *Turn, f *FileRef, file io.Reader) error {
	summary, problems, err := c.Posts.ImportAll(t.Ctx, file, c.Now())
	return c.importAnswered(t, f, "peta jabatan", txtPostsImported, summary, problems, err)
}
