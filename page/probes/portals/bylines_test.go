// Package portals tests bylines as Vietnamese government and party
// portals, ministries' portals and provincial newspapers write and place
// them, on the platforms they run: Liferay, SharePoint, WebSphere
// Portal, VietSoftware's vPortal, NukeViet, Joomla (and K2), WordPress,
// Drupal, and custom ASP.NET and Bootstrap portals. The byline closes
// the text, opens it, sits in a meta line or an info bar of icons, in a
// field or label of its own, in a credits table, twice for wide screens
// and phones, beside a hidden account name; it carries labels, units,
// ranks and academic titles, collaborator and compilation marks, several
// names, or none ("PV", "Nhóm PV").
//
// Each variant is one simulated site of 16 pages. A template is learned
// (page.Observe, page.Learn) from pages 0-7; pages 8-15 are read with
// the generic extractor and with the learned template. On every one of
// them both readings must credit exactly the persons the variant wrote
// into the page, and the body must hold neither their names nor the
// byline line.
package portals

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dra-archive/dra/page/probes/probe"
)

// knownMisses are the variants read wrong today, in the modes marked.
var knownMisses = map[string]probe.KnownMiss{}

func TestBylines(t *testing.T) {
	var vs []probe.Variant
	for _, v := range append(variants(), reformVariants()...) {
		vs = append(vs, probe.Variant{Name: v.name, Build: func(i int) probe.Page {
			p := v.build(i)
			return probe.Page{HTML: p.html, Names: p.names, Shown: p.shown, Paras: p.paras}
		}})
	}
	probe.Run(t, vs, knownMisses, func(name string, i int) string {
		return fmt.Sprintf("https://huyen%s.gov.vn/tin-tuc/%d", strings.ReplaceAll(name, "-", ""), 1000+i)
	})
}
