package io.semhash.explain;

/**
 * One word in a bit's meaning, with the three numbers that rank it; all compare the bit on with
 * the bit off while the other bits stay at the {@link BitMeanings#CONTEXT context}.
 *
 * @param term the vocabulary term (stemmed when the vocabulary is), for programs
 * @param word what a person reads for the term: its most frequent surface form in the training
 *     corpus (the term itself for vocabularies without surface forms)
 * @param weight the decoder weight W4[bit, term]: what the bit adds to the term's logit
 * @param deltaLogProb log p(term | bit on) − log p(term | bit off); equals {@code weight} minus a
 *     constant of the bit (the change of the softmax normaliser), so it ranks terms as the weight does
 * @param deltaProb p(term | bit on) − p(term | bit off): favours terms frequent enough to matter
 * @param contrast the z-scored log-odds ratio of the term between the corpus's documents with the
 *     bit on and off ({@link BitContrast}); null when the words are ranked by the decoder alone
 */
public record BitWord(String term, String word, double weight, double deltaLogProb, double deltaProb, Double contrast) {}
