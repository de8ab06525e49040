/**
 * The hostile suite: what a careless or malicious user can do to the tool, each case a test.
 *
 * <p>Where each kind of case is held:
 * <ul>
 *   <li>an output folder that holds work ({@code --out .}, {@code content}, {@code target}, home, an
 *       empty value, a bundle over a page): {@link dev.selfhostguide.hostile.OutputDestinationTest};</li>
 *   <li>files no page uses, secrets in any text a reader sees or downloads (prose, tables, attributes,
 *       the search index, single-page and PDF editions), credential shapes and the allowlist:
 *       {@link dev.selfhostguide.hostile.PublishedSecretsTest}, {@link dev.selfhostguide.hostile.EditionSecretsTest},
 *       {@link dev.selfhostguide.hostile.SecretShapesTest};</li>
 *   <li>serve given a symlink, a symlinked example or a CRLF page: {@link dev.selfhostguide.hostile.ServeRebuildTest};</li>
 *   <li>deep nesting, include loops, FIFOs and devices, huge files: {@link dev.selfhostguide.hostile.NestingAndSpecialFilesTest},
 *       {@link dev.selfhostguide.hostile.HugeInputTest}, and every check fed mutated samples: {@link dev.selfhostguide.hostile.CheckFuzzTest};</li>
 *   <li>markup from data: {@link dev.selfhostguide.hostile.DataEscapingTest}; a navigation title with markup is held
 *       by {@code bundle.PageTemplateTest}, next to the template it renders;</li>
 *   <li>script, handlers, {@code srcdoc}, {@code data:} and remote media in pages, stylesheets and SVG files:
 *       {@link dev.selfhostguide.hostile.ActiveContentTest};</li>
 *   <li>the preview server's slow clients, foreign Host headers and many tabs: {@code cli.PreviewServerTest}, which
 *       needs the package-private server;</li>
 *   <li>messages that must name the file and line to edit, never a staging copy, and print what they quote
 *       safely: {@link dev.selfhostguide.hostile.FindingPlacesTest}, {@link dev.selfhostguide.hostile.MessagesTest},
 *       {@link dev.selfhostguide.hostile.BadInputTest};</li>
 *   <li>what killed runs leave, file modes, look-alike letters: {@link dev.selfhostguide.hostile.LeftoversTest},
 *       {@code pdf.PdfLeftoversTest}, {@link dev.selfhostguide.hostile.LookalikeTest}.</li>
 * </ul>
 */
package dev.selfhostguide.hostile;
