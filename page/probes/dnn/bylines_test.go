// Package dnn tests bylines as DotNetNuke portals place them: the
// EasyDNNnews article view (meta lines, info bars, custom fields, author
// boxes, print view), the DNN Blog's templates, Announcements, the HTML
// module in its container (head, text, footer), DNN's print mode, custom
// news modules of ASP.NET labels, old table skins and Bootstrap skins;
// and the forms district editors give a byline there (labels, units,
// ranks, collaborator and compilation marks, several names).
//
// Package probe runs the variants: a site of 16 pages each, read
// generically and with the template learned from its first 8; both
// readings must credit exactly the persons the variant wrote, and the
// body must not hold their names.
package dnn

import (
	"fmt"
	"slices"
	"testing"

	"github.com/dra-archive/dra/page/probes/probe"
)

// knownMisses are the variants read wrong today, in the modes marked.
var knownMisses = map[string]probe.KnownMiss{}

func TestBylines(t *testing.T) {
	var vs []probe.Variant
	for _, v := range slices.Concat(variants, moreVariants, extraVariants, layoutVariants, semanticVariants, markupVariants, fieldVariants) {
		vs = append(vs, probe.Variant{Name: v.id, Build: func(i int) probe.Page {
			h, names, body := v.build(newPage(i))
			return probe.Page{HTML: h, Names: names, Body: body}
		}})
	}
	probe.Run(t, vs, knownMisses, func(_ string, i int) string {
		return fmt.Sprintf("https://huyen.gov.vn/tin-tuc/articleid/%d/bai-%d", 1000+i, i)
	})
}
