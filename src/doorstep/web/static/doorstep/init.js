// Doorstep: start GOV.UK Frontend's JavaScript components.
// Loaded from the base template as <script type="module" src="...">, so it
// needs no inline script (CSP-safe) and, like all module scripts, runs only
// in browsers GOV.UK Frontend supports, after the document has been parsed.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('govuk-frontend-supported')
initAll()
