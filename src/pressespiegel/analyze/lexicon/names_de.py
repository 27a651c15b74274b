"""First names with their usual gender, for agreement in speaker coreference ("sagte sie").

Own work (Apache-2.0): common first names in German-language news, German and international, written
down by hand; no name list of another project was copied. A name that is given to both sexes
(Andrea, Kim, Sascha, Nicola) is in neither set, so its bearer's gender stays open unless the text
says it ("die 59-Jährige", "Sprecherin", "Frau Müller").
"""

from __future__ import annotations


def _names(block: str) -> frozenset[str]:
    return frozenset(block.split())


FEMALE_FIRST_NAMES: frozenset[str] = _names(
    """
    Adrienne Agnes Alexandra Alice Alina Amelie Ana Anastasia Angela Angelika Anita Anja Anke Anna
    Annalena Anne Annegret Annette Anette Antje Antonia Ariane Astrid Barbara Beate Beatrix Bettina
    Bianca Birgit Britta Brigitte Bärbel Carina Carla Carmen Carola Caroline Cecilia Charlotte
    Christa Christiane Christina Christine Claudia Cornelia Dagmar Daniela Diana Doris Dorothea
    Edith Elena Eleonore Elfriede Elisabeth Elke Ella Ellen Elsa Emilia Emily Emma Erika Eva
    Evelyn Franziska Friederike Gabi Gabriele Gerda Gertrud Gisela Giorgia Gudrun Hanna Hannah
    Heide Heidi Heike Helen Helena Helene Helga Hildegard Hillary Ilse Ina Ines Inge Ingrid Irene
    Iris Isabel Isabelle Jacqueline Jana Janine Jasmin Jennifer Jessica Johanna Julia Juliane
    Jutta Karin Karina Katarina Katharina Kathrin Katja Katrin Kerstin Klara Kristina Lara Laura
    Lea Lena Leonie Lisa Liz Lotte Louise Luise Luisa Luminita Lydia Magdalena Maike Maja Malu
    Manuela Mareike Margarete Margit Margot Margrethe Maria Marianne Marie Marina Marion Marlene
    Martina Melanie Michaela Mira Miriam Monika Nadine Nadja Nancy Natalia Natalie
    Nicole Nina Nora Olga Paula Petra Pia Rebecca Regina Renate Rhiannon Ricarda Rita Romy Rosa
    Roxana Ruth Sabine Sahra Sandra Sara Sarah Saskia Silke Silvia Simone Sofia Sonja Sophia Sophie
    Stefanie Steffi Stephanie Susanne Svenja Swetlana Tamara Tanja Theresa Therese Tina Ulla
    Ulrike Ursula Ute Valentina Vera Veronika Viktoria Waltraud Wiebke Yvonne Zoe Siham Irina
    Jelena Julija Tatjana Oksana Ljudmila Marija Kamala Nikki Hilary Elizabeth Kristalina
    Kaja Roberta Mette Sanna Kirsten Magda Ewa Agnieszka Malgorzata Jacinda Theresa Leila Layla
    """
)

MALE_FIRST_NAMES: frozenset[str] = _names(
    """
    Abdullah Achim Adam Adolf Ahmed Alain Albert Alexander Alexandre Alexej Alexei Alexis Alfons
    Alfred Ali Andreas André Andrej Anton Antonio Antony Armin Arno Arthur Axel Ayman Benedikt
    Benjamin Bernd Bernhard Bill Björn Bob Boris Boris Breel Bruno Burkhard Carl Carsten Cem
    Charles Christian Christoph Christopher Claus Clemens Cornelius Dan Daniel David Denis Dennis
    Detlef Dieter Dietmar Dimitris Dmitri Dmitrij Dmytro Dominik Donald Edmund Emmanuel Eren Erich
    Ernst Erwin Falk Felix Ferdinand Florian Francis Frank Franz Friedrich Fritz Georg George
    Gerd Gerhard Giorgos Granit Gregor Guido Günter Günther Hans Harald Harry Heiko Heinrich
    Heinz Helmut Henning Henrik Herbert Hermann Holger Horst Hubert Hugo Igor Ivan Jakob Jan Jens
    Jean Jerome Joachim Joe Johann Johannes John Jonas Jose José Josef Jörg Julian Jürgen Kai
    Karl Karsten Khaldun Klaus Konrad Konstantin Kurt Laith Lars Leandro Lennart Leon Leonard Lionel
    Lothar Luc Luca Lukas Manfred Manuel Marcel Marco Marcus Mario Mark Markus Martin Mathias
    Matthew Matthias Max Maximilian Michael Mike Mirko Moritz Murat Nicolas Niklas Nikolai Nikolaus
    Norbert Olaf Olexander Oleksandr Oliver Olivier Otto Pascal Patrick Paul Peter Philipp Pierre
    Rafael Rainer Ralf Ralph Raphael Reinhard Reinhold René Richard Robert Roland Rolf Roman Rudolf
    Rüdiger Sebastian Sergej Sergei Sergio Siegfried Sigmar Simon Stefan Steffen Stephan Sven
    Theo Thomas Thorsten Tilman Tim Timi Timo Tobias Tom Torsten Udo Ulrich Uwe Viktor Vincent
    Volker Walter Werner Wilhelm Winfried Wladimir Wolfgang Wolodymyr Xavier Yves Zoran Özgür
    Joe Joseph Jens Hubertus Cem Lars Robert Karl-Heinz Hans-Georg Frank-Walter
    Benjamin Recep Narendra Xi Emmanuel Keir Rishi Justin Viktor Giorgio Sergio Pedro Lula Javier
    Yahya Ismail Hassan Hussein Mohammed Mohammad Muhammad Mahmud Abbas Ibrahim Omar Mustafa
    Wolodimir Volodymyr Vitali Witali Petro Andrij Jewgeni Jewgenij Dmitrij Nikolaj Juri Jurij
    Alexej Anatoli Sergej Michail Pawel Valery Walerij Gennadi Ramsan Ramzan Aleksandar Slobodan
    Keith Antony Lloyd Mike Marco Matteo Giuseppe Luigi Francesco Mauro Quentin Peter-Michael
    Gabriel Emmanuel Tzachi Ron Isaac Jitzchak Naftali Benny Yoav Ehud Avigdor
    """
)

__all__ = ["FEMALE_FIRST_NAMES", "MALE_FIRST_NAMES"]
