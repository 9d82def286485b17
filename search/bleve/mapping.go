package bleve

import (
	"encoding/json"
	"fmt"
	"strings"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// mappingVersion names the index layout below. An index built with another
// layout is refused on Open (rebuild it from DRA's records) rather than
// queried with fields it does not have.
const mappingVersion = "dra-bleve-3" // 3: names views, filter keys

// mappingVersionKey is the internal (non-document) key holding mappingVersion.
var mappingVersionKey = []byte("dra_mapping_version")

// Index fields. The text views are prepared in Go by package vietnamese;
// Bleve only tokenises, lowercases and shingles them.
const (
	fTitleExact      = "title_exact"      // vietnamese.Exact(title)
	fTitleFolded     = "title_folded"     // vietnamese.Folded(title)
	fBodyExact       = "body_exact"       // vietnamese.Exact(body)
	fBodyFolded      = "body_folded"      // vietnamese.Folded(body)
	fBodyShingles    = "body_shingles"    // vietnamese.Folded(body), 2-3 word shingles
	fSourceID        = "source_id"        // keywords, vietnamese.Normalize'd
	fDistrict        = "district"         //
	fProvince        = "province"         //
	fCategory        = "category"         //
	fAuthors         = "authors"          //
	fDocuments       = "documents"        // document codes, whole
	fDocumentsFolded = "documents_folded" // document codes, folded: "09-da/hu"
	fPublished       = "published_at"     // datetime
	fPlaceFolded     = "place_folded"     // vietnamese.Folded(district + " " + province)
	fNamesExact      = "names_exact"      // vietnamese.Exact(search.NamesText(a)): byline, authors, places, codes
	fNamesFolded     = "names_folded"     // vietnamese.Folded(search.NamesText(a))
	fAuthorsFolded   = "authors_folded"   // vietnamese.Folded of each author, for author:
	fDistrictKey     = "district_key"     // search.FilterKey(district), for the forgiving filters
	fProvinceKey     = "province_key"     //
	fCategoryKey     = "category_key"     //
	fAuthorsKey      = "authors_key"      //
	fYear            = "year"             // year of published_at in Asia/Ho_Chi_Minh, for the year facet
	fArticle         = "article"          // the Article as JSON (storedArticle: the body once), stored, not indexed
	fKind            = "doc_kind"         // kindArticle or kindMetric: the index holds both
	// Metric documents (kindMetric) also have fSourceID, fDistrict,
	// fProvince and fPublished.
	fArticleID = "article_id" // keyword
	fKey       = "key"        // keyword
	fUnit      = "unit"       // keyword
	fMetric    = "metric"     // the search.MetricRecord as JSON, stored, not indexed
	fUnitCodes = "unit_codes" // metric documents: the article's unit codes (keywords, exact)
)

// Document kinds. Articles and their metric documents live in one index, so
// one Bleve batch writes an article and replaces its metrics atomically.
const (
	kindArticle = "article"
	kindMetric  = "metric"
)

// Analyzer and token filter names registered in the mapping.
const (
	aText     = "dra_text"     // unicode tokenizer + to_lower
	aShingles = "dra_shingles" // unicode tokenizer + to_lower + shingles of 2-3 words
	tShingle  = "dra_shingle_2_3"
)

func newMapping() (*mapping.IndexMappingImpl, error) {
	im := blevesearch.NewIndexMapping()
	if err := im.AddCustomTokenFilter(tShingle, map[string]any{
		"type":            shingle.Name,
		"min":             2.0,
		"max":             3.0,
		"output_original": false,
		"separator":       " ",
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(aText, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(aShingles, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, tShingle},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = aText
	im.TypeField = fKind
	im.DefaultType = kindArticle
	im.ScoringModel = index.BM25Scoring // as Elasticsearch scores
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false

	text := func(analyzer string) *mapping.FieldMapping {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = true // positions, for phrase queries
		fm.DocValues = false
		return fm
	}
	keyword := func() *mapping.FieldMapping {
		fm := mapping.NewKeywordFieldMapping()
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = true // for facets later
		return fm
	}
	published := mapping.NewDateTimeFieldMapping()
	published.Store = false
	published.IncludeInAll = false
	published.DocValues = true // for sorting
	stored := mapping.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	doc := mapping.NewDocumentStaticMapping()
	for _, f := range []string{fTitleExact, fTitleFolded, fBodyExact, fBodyFolded} {
		doc.AddFieldMappingsAt(f, text(aText))
	}
	doc.AddFieldMappingsAt(fBodyShingles, text(aShingles))
	doc.AddFieldMappingsAt(fPlaceFolded, text(aText))
	for _, f := range []string{fNamesExact, fNamesFolded, fAuthorsFolded} {
		doc.AddFieldMappingsAt(f, text(aText))
	}
	for _, f := range []string{fKind, fSourceID, fDistrict, fProvince, fCategory, fAuthors, fDocuments, fDocumentsFolded, fYear,
		fDistrictKey, fProvinceKey, fCategoryKey, fAuthorsKey} {
		doc.AddFieldMappingsAt(f, keyword())
	}
	doc.AddFieldMappingsAt(fPublished, published)
	doc.AddFieldMappingsAt(fArticle, stored)
	im.DefaultMapping = doc

	metric := mapping.NewDocumentStaticMapping()
	for _, f := range []string{fKind, fArticleID, fKey, fUnit, fSourceID, fDistrict, fProvince, fUnitCodes} {
		metric.AddFieldMappingsAt(f, keyword())
	}
	metric.AddFieldMappingsAt(fPublished, published)
	metric.AddFieldMappingsAt(fMetric, stored)
	im.AddDocumentMapping(kindMetric, metric)
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// Bleve stores datetimes as int64 Unix nanoseconds.
func datetimeCompatible(year int) bool { return year > 1677 && year < 2262 }

// indexDoc is what Bleve indexes for an article: the Go-prepared views and
// keywords, and the article itself as stored JSON.
func indexDoc(a search.Article) (map[string]any, error) {
	src, err := encodeStored(a)
	if err != nil {
		return nil, err
	}
	titleExact, titleFolded := vietnamese.Views(a.Title)
	bodyExact, bodyFolded := vietnamese.Views(a.Body)
	d := map[string]any{
		fKind:         kindArticle,
		fTitleExact:   titleExact,
		fTitleFolded:  titleFolded,
		fBodyExact:    bodyExact,
		fBodyFolded:   bodyFolded,
		fBodyShingles: bodyFolded,
		fPlaceFolded:  vietnamese.Folded(a.District + " " + a.Province),
		fArticle:      string(src),
	}
	if names := search.NamesText(a); names != "" {
		d[fNamesExact], d[fNamesFolded] = vietnamese.Views(names)
	}
	for f, v := range map[string]string{fDistrictKey: a.District, fProvinceKey: a.Province, fCategoryKey: a.Category} {
		if k := search.FilterKey(v); k != "" {
			d[f] = k
		}
	}
	if ks := keywords(a.Authors, search.FilterKey); len(ks) > 0 {
		d[fAuthorsKey] = ks
		// One string, as the phrase searcher wants (see phrase.go).
		d[fAuthorsFolded] = strings.Join(keywords(a.Authors, vietnamese.Folded), "\n")
	}
	for f, v := range map[string]string{fSourceID: a.SourceID, fDistrict: a.District, fProvince: a.Province, fCategory: a.Category} {
		if v != "" {
			d[f] = vietnamese.Normalize(v)
		}
	}
	if ks := keywords(a.Authors, vietnamese.Normalize); len(ks) > 0 {
		d[fAuthors] = ks
	}
	if ks := keywords(a.Documents, vietnamese.Normalize); len(ks) > 0 {
		d[fDocuments] = ks
		d[fDocumentsFolded] = keywords(a.Documents, vietnamese.Folded)
	}
	if a.PublishedAt != nil {
		if !datetimeCompatible(a.PublishedAt.Year()) {
			return nil, fmt.Errorf("published_at %v out of range", *a.PublishedAt)
		}
		d[fPublished] = *a.PublishedAt
		d[fYear] = search.PublishedYear(a.PublishedAt)
	}
	return d, nil
}

// metricDoc is what Bleve indexes for a metric document.
func metricDoc(r search.MetricRecord) (map[string]any, error) {
	src, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	d := map[string]any{fKind: kindMetric, fArticleID: r.ArticleID, fMetric: string(src)}
	for f, v := range map[string]string{fKey: r.Key, fUnit: r.Unit, fSourceID: vietnamese.Normalize(r.SourceID), fDistrict: r.District, fProvince: r.Province} {
		if v != "" {
			d[f] = v
		}
	}
	if len(r.UnitCodes) > 0 {
		d[fUnitCodes] = r.UnitCodes
	}
	if r.PublishedAt != nil {
		if !datetimeCompatible(r.PublishedAt.Year()) {
			return nil, fmt.Errorf("published_at %v out of range", *r.PublishedAt)
		}
		d[fPublished] = *r.PublishedAt
	}
	return d, nil
}

func keywords(vs []string, view func(string) string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, view(v))
		}
	}
	return out
}
