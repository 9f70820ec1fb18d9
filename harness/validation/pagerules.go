package validation

// pageRules runs the rules that check a page against itself: its examples
// against its HTTP request section, its names, sections and parameters.
func (v *pageValidator) pageRules() {}
