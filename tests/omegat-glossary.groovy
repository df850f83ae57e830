// Run by tests/omegat-glossary.sh inside OmegaT (console mode, project loaded).
// Reads every file of the glossary folder with OmegaT's own readers and prints
// its entries, then finds which entries match each source segment the way
// OmegaT's glossary pane does (FindGlossaryThread in OmegaT 3.6: the source
// tokenizer with glossary stemming and not-exact matching, and a substring
// test for CJK terms).  The pane itself does not exist in console mode.
import org.omegat.core.Core
import org.omegat.gui.glossary.*
import org.omegat.tokenizer.DefaultTokenizer
import org.omegat.tokenizer.ITokenizer
import org.omegat.util.StringUtil

if (eventType.toString() != "LOAD")
    return
def project = Core.getProject()
def props = project.getProjectProperties()
def dir = new File(props.getGlossaryRoot())
def tok = project.getSourceTokenizer()
def locale = props.getSourceLanguage().getLocale()
def cjkByContains = !props.getSourceLanguage().isSpaceDelimited()
def words = { String s -> tok.tokenizeWords(s.toLowerCase(locale), ITokenizer.StemmingMode.GLOSSARY) }

dir.listFiles().sort { it.name }.each { f ->
    def entries
    try {
        entries = f.name.endsWith(".tbx") ? GlossaryReaderTBX.read(f, false)
                : f.name.endsWith(".csv") ? GlossaryReaderCSV.read(f, false)
                : GlossaryReaderTSV.read(f, false)
    } catch (Throwable e) {
        println "GLOSSERROR ${f.name}: ${e}"
        return
    }
    entries.each { e ->
        println "GLOSS ${f.name}\t${e.getSrcText()}\t${e.getLocText()}\t${e.getCommentText().replace('\n', ' | ')}"
    }
    println "GLOSSFILE ${f.name} entries=${entries.size()}"
    project.getAllEntries().each { ste ->
        def src = ste.getSrcText()
        def segWords = words(src)
        entries.each { e ->
            def termWords = words(e.getSrcText())
            def hit = termWords.length > 0 && DefaultTokenizer.isContainsAll(segWords, termWords, true)
            if (!hit && cjkByContains && StringUtil.isCJK(e.getSrcText()))
                hit = src.contains(e.getSrcText())
            if (hit)
                println "GLOSSHIT ${f.name}\t${ste.entryNum()}\t${e.getSrcText()}\t${e.getLocText()}"
        }
    }
}
