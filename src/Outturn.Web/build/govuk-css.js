// Copies GOV.UK Frontend's compiled CSS for a council's service: without GDS Transport (licensed for GOV.UK
// services only), using the system font stack instead, and with asset URLs under /govuk/assets/, where the build
// puts the assets. Run by the GovukFrontend target in Outturn.Web.csproj: node build/govuk-css.js SOURCE TARGET
const fs = require('fs');
const [source, target] = process.argv.slice(2);
const systemFonts = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';
let css = fs.readFileSync(source, 'utf8');
css = css.replace(/@font-face\{[^}]*\}/g, '')
  .replaceAll('GDS Transport,arial,sans-serif', systemFonts)
  .replaceAll('font-family:GDS Transport', `font-family:${systemFonts}`)
  .replaceAll('url(/assets/', 'url(/govuk/assets/');
if (css.includes('GDS Transport') || /url\(\/assets\//.test(css)) {
  throw new Error('govuk-css.js: GOV.UK Frontend\'s CSS changed shape; a font or asset URL was left behind');
}
fs.writeFileSync(target, css);
