package page
import ("testing";"io";"net/http";"fmt";"github.com/dra-archive/dra/internal/portalsim")
func TestScratch(t *testing.T){
 p,_ := portalsim.New(portalsim.Config{Family:"webforms", Seed:4, Articles:24}); p.Start(); defer p.Close()
 tr := p.Truth()[1]
 r,_ := http.Get(tr.URL); b,_ := io.ReadAll(r.Body)
 a, _ := ExtractHTMLWith(b, Options{URL: tr.URL})
 fmt.Printf("%q\n%q\n", a.Byline, a.Body[len(a.Body)-200:])
}
