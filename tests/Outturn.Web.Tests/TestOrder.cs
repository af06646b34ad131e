[assembly: TestCollectionOrderer("Outturn.Testing.LongestFirst", "Outturn.Testing")]
