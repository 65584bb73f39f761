/**
 * A miniature of Vigil's package layout for {@code ArchitectureTest} to prove its rules catch what they should: a
 * capability package nobody listed ({@code newcap}) that imports another capability, and a {@code kit} class that
 * leans on a capability. Nothing else uses these classes.
 */
package io.vigil.archfixture;
