package dev.selfhostguide.bake;

import com.orientechnologies.orient.core.Orient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jbake.app.ContentStore;
import org.jbake.app.DocumentList;
import org.jbake.model.DocumentModel;

/**
 * JBake's content store, with one change: the list of all documents of a type is read once per
 * bake instead of once per rendered page. JBake's DocumentsRenderer asks for that list for every
 * page to find its previous and next pages, which makes rendering quadratic in the page count
 * (24.6 of 46 s at 500 pages, shared/notes/peers.md). Any write clears the memo.
 */
final class MemoizingContentStore extends ContentStore {

    private final Map<String, DocumentList<DocumentModel>> allContent = new ConcurrentHashMap<>();

    MemoizingContentStore(String type, String name) {
        super(type, name);
    }

    /**
     * Starting the store starts OrientDB, which takes over SIGINT and SIGTERM: its handler shuts
     * the database down and exits with status 1, so Ctrl+C on {@code guide serve} or a build read
     * as "findings". The JVM's own handler runs the shutdown hooks (OrientDB has one) and exits
     * with 130 or 143, as a stopped command should.
     */
    @Override
    public void startup() {
        super.startup();
        Orient.instance().removeSignalHandler();
    }

    // getAllContent(type) delegates to this one, so memoizing it covers both.
    @Override
    public DocumentList<DocumentModel> getAllContent(String docType, boolean applyPaging) {
        if (applyPaging) {
            return super.getAllContent(docType, true);
        }
        DocumentList<DocumentModel> known = allContent.get(docType);
        if (known == null) {
            known = super.getAllContent(docType, false);
            allContent.put(docType, known);
        }
        return known;
    }

    @Override
    public void addDocument(DocumentModel document) {
        allContent.clear();
        super.addDocument(document);
    }

    @Override
    public void deleteContent(String uri) {
        allContent.clear();
        super.deleteContent(uri);
    }

    @Override
    public void deleteAllByDocType(String docType) {
        allContent.clear();
        super.deleteAllByDocType(docType);
    }

    @Override
    public void drop() {
        allContent.clear();
        super.drop();
    }
}
